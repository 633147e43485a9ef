package io.passerelle.dossiercreation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.contact.SubscriberType;
import io.passerelle.dossier.DossierService;
import io.passerelle.dossier.DossierView;
import io.passerelle.staff.StaffService;
import io.passerelle.support.Api;
import io.passerelle.support.FakeCompanyRegistry;
import io.passerelle.support.Fixtures;
import io.passerelle.support.PasserelleSpringTest;
import io.passerelle.support.TestData;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The staff API of dossier creation: what a request must be (every field at fault at once), who may
 * ask, the registry prefill and the fiscal year proposal. Refused requests store nothing.
 */
@PasserelleSpringTest
class DossierRequestApiTest {

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired FakeCompanyRegistry registry;
  @Autowired DossierRequestService requests;
  @Autowired StaffService staff;
  @Autowired DossierService dossiers;
  @Autowired ContactService contacts;
  @Autowired DossierLinkService links;

  Api claire;
  Fixtures fixtures;

  @BeforeEach
  void setUp() {
    claire = Api.as(mvc, json, Api.MANAGER);
    fixtures = new Fixtures(staff, dossiers, contacts, links);
  }

  static Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("company", Map.of("companyName", "Société Test"));
    body.put("documentTreeCode", "CABINET");
    return body;
  }

  long count() {
    return requests
        .list(null, null, org.springframework.data.domain.PageRequest.of(0, 1))
        .getTotalElements();
  }

  @Test
  @DisplayName("a bad SIRET, NAF code and fiscal years are refused together, nothing stored")
  void everyFieldAtFaultAtOnce() throws Exception {
    long before = count();
    Map<String, Object> body = body();
    body.put("siret", TestData.siretWithWrongCheckDigit());
    body.put("company", Map.of("companyName", "X", "nafCode", "ABC"));
    body.put(
        "fiscalYears",
        List.of(
            Map.of("start", "2026-01-01"),
            Map.of("start", "2026-06-01"),
            Map.of("start", "2026-01-01", "end", "2025-01-01")));

    claire
        .post("/api/dossier-requests", body)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
        .andExpect(
            jsonPath("$.errors[*].field")
                .value(
                    Matchers.containsInAnyOrder(
                        "siret", "company.nafCode", "fiscalYears[1].start", "fiscalYears[2].end")));
    assertThat(count()).isEqualTo(before);
  }

  @Test
  @DisplayName(
      "only a manager or the administrator asks for a dossier; the administrator names the manager")
  void whoMayAsk() throws Exception {
    Api.as(mvc, json, Api.STAFF)
        .post("/api/dossier-requests", body())
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.code").value("MANAGER_OR_ADMINISTRATOR_ONLY"));
    Api admin = Api.as(mvc, json, Api.ADMIN);
    admin
        .post("/api/dossier-requests", body())
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("managerId"));
    Map<String, Object> withStaffManager = body();
    withStaffManager.put("managerId", fixtures.staffId(Api.STAFF));
    admin
        .post("/api/dossier-requests", withStaffManager)
        .andExpect(status().isUnprocessableEntity())
        .andExpect(jsonPath("$.code").value("MANAGER_ROLE_REQUIRED"));
    Map<String, Object> named = body();
    named.put("managerId", fixtures.staffId(Api.MANAGER));
    admin
        .post("/api/dossier-requests", named)
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.manager.username").value(Api.MANAGER))
        .andExpect(jsonPath("$.requestedBy.username").value(Api.ADMIN))
        .andExpect(jsonPath("$.status").value("DETAILS_NEEDED"));
  }

  @Test
  @DisplayName("several document trees: one must be picked, and it must exist")
  void documentTreeChoice() throws Exception {
    Map<String, Object> none = body();
    none.remove("documentTreeCode");
    claire
        .post("/api/dossier-requests", none)
        .andExpect(status().isUnprocessableEntity())
        .andExpect(jsonPath("$.code").value("DOCUMENT_TREE_REQUIRED"))
        .andExpect(jsonPath("$.errors[0].field").value("documentTreeCode"));
    Map<String, Object> unknown = body();
    unknown.put("documentTreeCode", "INCONNUE");
    claire
        .post("/api/dossier-requests", unknown)
        .andExpect(status().isUnprocessableEntity())
        .andExpect(jsonPath("$.code").value("DOCUMENT_TREE_UNKNOWN"));
    claire
        .get("/api/document-tree-templates")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[*].code").value(Matchers.contains("CABINET", "TPE")));
  }

  @Test
  @DisplayName(
      "partner applications: unknown, repeated, portal for an automation, a required setting"
          + " missing, a setting in the wrong format — each named")
  void partnerApplicationRules() throws Exception {
    Map<String, Object> body = body();
    body.put(
        "partnerApplications",
        List.of(
            Map.of("code", "INCONNUE", "accessAllowed", true),
            Map.of("code", "PAIE", "accessAllowed", true, "onClientPortal", true),
            Map.of("code", "PAIE", "accessAllowed", true),
            Map.of(
                "code",
                "SYNCHRO_BANCAIRE",
                "accessAllowed",
                true,
                "settings",
                Map.of("bankConnectionId", "=cmd|' /C calc'!A0", "motDePasse", "x")),
            Map.of("code", "NOTES_DE_FRAIS", "accessAllowed", false, "onClientPortal", true)));

    claire
        .post("/api/dossier-requests", body)
        .andExpect(status().isUnprocessableEntity())
        .andExpect(jsonPath("$.code").value("PARTNER_APPLICATION_INVALID"))
        .andExpect(
            jsonPath("$.errors[*].code")
                .value(
                    Matchers.containsInAnyOrder(
                        "PARTNER_APPLICATION_UNKNOWN",
                        "PORTAL_FOR_REDIRECT_ONLY",
                        "SETTING_REQUIRED",
                        "PARTNER_APPLICATION_REPEATED",
                        "SETTING_INVALID",
                        "SETTING_UNKNOWN",
                        "ACCESS_NOT_ALLOWED")))
        .andExpect(
            jsonPath("$.errors[*].field")
                .value(Matchers.hasItem("partnerApplications[1].settings.payrollCompanyCode")));
    claire
        .get("/api/partner-applications")
        .andExpect(jsonPath("$[?(@.code == 'PAIE')].fields[0].key").value("payrollCompanyCode"));
  }

  @Test
  @DisplayName(
      "the director: only the dossier's manager (or the admin) invites, a valid e-mail, an"
          + " existing role, never someone who is not a client")
  void directorRules() throws Exception {
    Map<String, Object> forSophie = body();
    forSophie.put("managerId", fixtures.staffId(Api.OTHER_MANAGER));
    forSophie.put(
        "director", Map.of("firstName", "A", "lastName", "B", "email", TestData.email("d")));
    claire
        .post("/api/dossier-requests", forSophie)
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.code").value("DIRECTOR_INVITATION_MANAGER_ONLY"));

    Map<String, Object> badEmail = body();
    badEmail.put("director", Map.of("firstName", "A", "lastName", "B", "email", "pas-un-email"));
    claire
        .post("/api/dossier-requests", badEmail)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("director.email"));

    Map<String, Object> badRole = body();
    badRole.put(
        "director",
        Map.of(
            "firstName",
            "A",
            "lastName",
            "B",
            "email",
            TestData.email("d"),
            "organisationalRoleCode",
            "PAPE"));
    claire
        .post("/api/dossier-requests", badRole)
        .andExpect(status().isUnprocessableEntity())
        .andExpect(jsonPath("$.code").value("ROLE_MISSING"));

    var advisor = fixtures.contact(SubscriberType.ADVISOR);
    Map<String, Object> advisorAsDirector = body();
    advisorAsDirector.put(
        "director", Map.of("firstName", "A", "lastName", "B", "email", advisor.email()));
    claire
        .post("/api/dossier-requests", advisorAsDirector)
        .andExpect(status().isUnprocessableEntity())
        .andExpect(jsonPath("$.code").value("HOLDER_MUST_BE_CLIENT"));
  }

  @Test
  @DisplayName("the fiscal year proposal: 12 months later, minus a day")
  void fiscalYearProposal() throws Exception {
    claire
        .get("/api/fiscal-years/proposal?start=2026-07-01")
        .andExpect(jsonPath("$.end").value("2027-06-30"));
    claire
        .get("/api/fiscal-years/proposal?start=2024-02-29")
        .andExpect(jsonPath("$.end").value("2025-02-28"));
    claire.get("/api/fiscal-years/proposal?start=demain").andExpect(status().isBadRequest());
  }

  // ---- the registry prefill ----

  @Test
  @DisplayName("prefill: a known SIRET gives name, legal form, address and NAF code")
  void prefillFound() throws Exception {
    String siret = TestData.siret();
    registry.answer(siret, DossierCreationJourneyTest.company("PREFILL SARL", false));
    claire
        .get("/api/company-registry/" + siret.substring(0, 3) + " " + siret.substring(3))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.siret").value(siret))
        .andExpect(jsonPath("$.found").value(true))
        .andExpect(jsonPath("$.establishmentClosed").value(false))
        .andExpect(jsonPath("$.company.companyName").value("PREFILL SARL"))
        .andExpect(jsonPath("$.company.legalForm").value("SARL"))
        .andExpect(jsonPath("$.company.nafCode").value("10.71C"))
        .andExpect(jsonPath("$.company.postalCode").value("75011"))
        .andExpect(jsonPath("$.alreadyUsedBy").doesNotExist());
  }

  @Test
  @DisplayName("prefill: a closed establishment is flagged; an unknown SIRET is not found")
  void prefillClosedAndNotFound() throws Exception {
    String closed = TestData.siret();
    registry.answer(closed, DossierCreationJourneyTest.company("FERMEE", true));
    claire
        .get("/api/company-registry/" + closed)
        .andExpect(jsonPath("$.found").value(true))
        .andExpect(jsonPath("$.establishmentClosed").value(true));
    claire
        .get("/api/company-registry/" + TestData.siret())
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.found").value(false))
        .andExpect(jsonPath("$.company").doesNotExist());
  }

  @Test
  @DisplayName(
      "prefill: a SIRET the firm already has is 'déjà utilisé', with the dossier's link, even"
          + " while the registry is down (it is not asked)")
  void prefillAlreadyUsed() throws Exception {
    DossierView existing = fixtures.dossier(Api.MANAGER);
    registry.answer(existing.siret(), new FakeCompanyRegistry.Failing());
    claire
        .get("/api/company-registry/" + existing.siret())
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.outcome").value("ALREADY_USED"))
        .andExpect(jsonPath("$.alreadyUsedBy.id").value(existing.id()))
        .andExpect(jsonPath("$.alreadyUsedBy.href").value("/api/dossiers/" + existing.id()));
    assertThat(registry.calls(existing.siret())).isZero();
  }

  @Test
  @DisplayName(
      "prefill: 429 then an answer is found; 500, garbage or too slow is 503 REGISTRY_UNAVAILABLE")
  void prefillRegistryTrouble() throws Exception {
    String limited = TestData.siret();
    registry.answer(
        limited,
        new FakeCompanyRegistry.RateLimitedThen(
            1, DossierCreationJourneyTest.company("APRES ATTENTE", false)));
    claire.get("/api/company-registry/" + limited).andExpect(jsonPath("$.found").value(true));

    for (FakeCompanyRegistry.Behaviour trouble :
        List.of(
            new FakeCompanyRegistry.Failing(),
            new FakeCompanyRegistry.Garbage(),
            new FakeCompanyRegistry.Slow(
                1_500, DossierCreationJourneyTest.company("TROP LENT", false)))) {
      String siret = TestData.siret();
      registry.answer(siret, trouble);
      claire
          .get("/api/company-registry/" + siret)
          .andExpect(status().isServiceUnavailable())
          .andExpect(jsonPath("$.code").value("REGISTRY_UNAVAILABLE"));
    }
  }
}
