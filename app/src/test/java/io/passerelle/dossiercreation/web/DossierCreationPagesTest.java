package io.passerelle.dossiercreation.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.passerelle.contact.ContactService;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.dossier.DossierService;
import io.passerelle.dossier.DossierView;
import io.passerelle.dossier.FiscalYears;
import io.passerelle.dossiercreation.DossierRequestService;
import io.passerelle.dossiercreation.DossierRequestStatus;
import io.passerelle.dossiercreation.DossierRequestView;
import io.passerelle.dossiersetup.DossierSetupService;
import io.passerelle.engine.EmbeddedZeebeEngine;
import io.passerelle.engine.ProcessEngine;
import io.passerelle.staff.StaffService;
import io.passerelle.support.Api;
import io.passerelle.support.FakeCompanyRegistry;
import io.passerelle.support.Fixtures;
import io.passerelle.support.LookupAttempts;
import io.passerelle.support.PasserelleSpringTest;
import io.passerelle.support.TestData;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The dossier creation pages through MockMvc (seed 004's "Ajouter un client"): the new dossier's
 * form with its SIRET lookup against the registry's local fake (found, closed, unknown, already
 * used, down), the request it starts and its progress page (created, "déjà utilisé", the details
 * task worked from the request or from /taches, the registry down with "saisie manuelle" and
 * "réessayer"), refusals named field by field in French, who may. The forms' CSRF is {@code
 * DossierCreationControllerTest}'s (the web slice).
 */
@PasserelleSpringTest
class DossierCreationPagesTest {

  private static final Duration PATIENCE = Duration.ofSeconds(25);

  @Autowired MockMvc mvc;
  @Autowired UserDetailsService users;
  @Autowired FakeCompanyRegistry registry;
  @Autowired DossierRequestService requests;
  @Autowired DossierService dossiers;
  @Autowired DossierSetupService setup;
  @Autowired StaffService staff;
  @Autowired ContactService contacts;
  @Autowired DossierLinkService links;
  @Autowired ProcessEngine engine;
  @Autowired EmbeddedZeebeEngine embedded;

  Fixtures fixtures;

  @BeforeEach
  void fixtures() {
    fixtures = new Fixtures(staff, dossiers, contacts, links);
  }

  RequestPostProcessor as(String username) {
    return user(users.loadUserByUsername(username));
  }

  static FakeCompanyRegistry.Company company(String name, boolean closed) {
    return new FakeCompanyRegistry.Company(
        "732829320", name, "5499", "12 RUE DES LILAS", "75011", "PARIS 11", "10.71C", closed, true);
  }

  @Test
  @DisplayName(
      "the new dossier page follows seed 004: SIRET, company, fiscal year, trees, director checked"
          + " to invite now, partner applications with their extra fields, team; linked from the"
          + " portfolio for managers only")
  void newDossierPage() throws Exception {
    long claire = fixtures.staffId(Api.MANAGER);
    mvc.perform(get("/dossiers/nouveau").with(as(Api.MANAGER)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Nouveau dossier client")))
        .andExpect(content().string(containsString("<label for=\"siret\">")))
        .andExpect(content().string(containsString("Rechercher dans le répertoire")))
        .andExpect(content().string(containsString("Arborescence simplifiée (TPE)")))
        .andExpect(content().string(containsString("Arborescence du cabinet")))
        .andExpect(content().string(containsString("Autoriser l&#39;accès")))
        .andExpect(content().string(containsString("Code société dans le logiciel de paie")))
        .andExpect(content().string(containsString("Afficher sur le portail du dirigeant")))
        .andExpect(
            content()
                .string(
                    containsString(
                        "id=\"sendInvitationNow\" name=\"sendInvitationNow\" value=\"true\""
                            + " aria-describedby=\"sendInvitationNow-hint\" checked=\"checked\"")))
        .andExpect(
            content()
                .string(containsString("<option value=\"" + claire + "\" selected=\"selected\"")));
    mvc.perform(get("/portefeuille").with(as(Api.MANAGER)))
        .andExpect(content().string(containsString("href=\"/dossiers/nouveau\"")))
        .andExpect(content().string(containsString("href=\"/dossiers/import\"")));
    mvc.perform(get("/portefeuille").with(as(Api.STAFF)))
        .andExpect(content().string(not(containsString("href=\"/dossiers/nouveau\""))));
    mvc.perform(get("/dossiers/nouveau").with(as(Api.STAFF)))
        .andExpect(status().isForbidden())
        .andExpect(content().string(containsString("Seuls les responsables de dossiers")));
  }

  @Test
  @DisplayName(
      "the SIRET lookup (htmx) prefills the company from the registry, as text; flags a closed"
          + " establishment, an unknown or invalid SIRET, a registry down, and a SIRET already used"
          + " with a link to its dossier")
  void siretLookup() throws Exception {
    String found = TestData.siret();
    registry.answer(found, company("BOULANGERIE <b>DUPONT</b>", false));
    mvc.perform(lookup(found).with(as(Api.MANAGER)))
        .andExpect(status().isOk())
        .andExpect(content().string(not(containsString("<html"))))
        .andExpect(content().string(containsString("id=\"company-fields\"")))
        .andExpect(
            content().string(containsString("id=\"siret-lookup\" hx-swap-oob=\"innerHTML\"")))
        .andExpect(content().string(containsString("data-outcome=\"FOUND\"")))
        .andExpect(
            content().string(containsString("value=\"BOULANGERIE &lt;b&gt;DUPONT&lt;/b&gt;\"")))
        .andExpect(content().string(not(containsString("<b>DUPONT"))))
        .andExpect(content().string(containsString("value=\"12 RUE DES LILAS\"")))
        .andExpect(content().string(containsString("value=\"75011\"")))
        .andExpect(content().string(containsString("value=\"10.71C\"")))
        .andExpect(content().string(containsString("value=\"SARL\"")));

    String closed = TestData.siret();
    registry.answer(closed, company("FERMEE SAS", true));
    mvc.perform(lookup(closed).with(as(Api.MANAGER)))
        .andExpect(content().string(containsString("data-outcome=\"CLOSED\"")))
        .andExpect(content().string(containsString("Établissement fermé")));

    mvc.perform(lookup(TestData.siret()).with(as(Api.MANAGER)))
        .andExpect(content().string(containsString("Le répertoire ne connaît pas ce SIRET")));
    mvc.perform(lookup(TestData.siretWithWrongCheckDigit()).with(as(Api.MANAGER)))
        .andExpect(content().string(containsString("data-outcome=\"INVALID\"")))
        .andExpect(content().string(containsString("Un SIRET a 14 chiffres")));

    String down = TestData.siret();
    registry.answer(down, new FakeCompanyRegistry.Failing());
    mvc.perform(lookup(down).with(as(Api.MANAGER)))
        .andExpect(content().string(containsString("data-outcome=\"DOWN\"")))
        .andExpect(content().string(containsString("Le répertoire des entreprises ne répond pas")));

    DossierView existing = fixtures.dossier(Api.OTHER_MANAGER);
    registry.answer(existing.siret(), company("DEJA LA", false));
    mvc.perform(lookup(existing.siret()).with(as(Api.MANAGER)))
        .andExpect(content().string(containsString("SIRET déjà utilisé")))
        .andExpect(content().string(containsString("href=\"/dossiers/" + existing.id() + "\"")));

    // without JavaScript: the whole page comes back, with what was typed
    mvc.perform(
            post("/dossiers/nouveau/siret")
                .param("siret", found)
                .param("directorLastName", "Gardé")
                .with(csrf())
                .with(as(Api.MANAGER)))
        .andExpect(content().string(containsString("<html")))
        .andExpect(content().string(containsString("value=\"Gardé\"")))
        .andExpect(content().string(containsString("data-outcome=\"FOUND\"")));
  }

  @Test
  @DisplayName("the fiscal year's end is proposed 12 months after its start, in an editable field")
  void fiscalYearEnd() throws Exception {
    mvc.perform(
            get("/dossiers/nouveau/fin-exercice")
                .param("fiscalYearStart", "2026-03-01")
                .header("HX-Request", "true")
                .with(as(Api.MANAGER)))
        .andExpect(status().isOk())
        .andExpect(
            content()
                .string(
                    containsString(
                        "value=\"" + FiscalYears.defaultEnd(LocalDate.of(2026, 3, 1)) + "\"")))
        .andExpect(content().string(containsString("id=\"fiscalYearEnd\"")));
  }

  @Test
  @DisplayName(
      "sending the form starts the request (once for a double post); its page follows it to the"
          + " dossier, set up with its tree and applications")
  void createdFromTheRegistry() throws Exception {
    String siret = TestData.siret();
    String name = TestData.unique("BOULANGERIE PAGE ");
    registry.answer(siret, company(name, false));
    MockHttpSession session = new MockHttpSession();
    MockHttpServletRequestBuilder form =
        newDossier(siret, "TPE")
            .param("assignedStaffIds", String.valueOf(fixtures.staffId(Api.STAFF)))
            .param("applications[PAIE].accessAllowed", "true")
            .param("applications[PAIE].settings[payrollCompanyCode]", "BOUL01")
            .param("applications[PORTAIL_BANCAIRE].accessAllowed", "true")
            .param("applications[PORTAIL_BANCAIRE].onClientPortal", "true")
            .session(session)
            .with(as(Api.MANAGER));

    String first =
        mvc.perform(form)
            .andExpect(redirectedUrlPattern("/dossiers/demandes/*"))
            .andReturn()
            .getResponse()
            .getRedirectedUrl();
    String second = mvc.perform(form).andReturn().getResponse().getRedirectedUrl();
    assertThat(second).as("a double post asks once").isEqualTo(first);
    long id = Long.parseLong(first.substring(first.lastIndexOf('/') + 1));

    mvc.perform(get(first).with(as(Api.MANAGER)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Création du dossier")))
        .andExpect(content().string(containsString(siret)));
    DossierRequestView done = awaitRequest(id, r -> r.status() == DossierRequestStatus.CREATED);
    long dossierId = done.dossier().id();
    mvc.perform(get(first + "/etat").header("HX-Request", "true").with(as(Api.MANAGER)))
        .andExpect(content().string(containsString("data-stage=\"CREATED\"")))
        .andExpect(content().string(containsString("id=\"request-summary\"")))
        .andExpect(content().string(containsString("hx-swap-oob=\"true\"")))
        .andExpect(content().string(containsString("Arborescence simplifiée (TPE)")))
        .andExpect(content().string(containsString("Logiciel de paie (accès autorisé)")))
        .andExpect(content().string(not(containsString("<html"))))
        .andExpect(content().string(not(containsString("hx-trigger"))))
        .andExpect(content().string(containsString("href=\"/dossiers/" + dossierId + "\"")))
        .andExpect(content().string(containsString("Ouvrir le dossier « " + name + " »")));

    var dossierSetup = setup.forDossier(dossierId);
    assertThat(dossierSetup.documentTree().code()).isEqualTo("TPE");
    mvc.perform(get("/dossiers/" + dossierId).with(as(Api.MANAGER)))
        .andExpect(content().string(containsString("Arborescence simplifiée (TPE)")))
        .andExpect(
            content().string(containsString("Code société dans le logiciel de paie : BOUL01")))
        .andExpect(content().string(containsString("Affichée")));
    assertThat(dossiers.get(dossierId).assignedStaff())
        .extracting(DossierView.StaffRef::username)
        .contains(Api.STAFF, Api.MANAGER);
    mvc.perform(get("/dossiers/demandes").param("mes", "true").with(as(Api.MANAGER)))
        .andExpect(content().string(containsString("data-request=\"" + id + "\"")))
        .andExpect(content().string(containsString("Dossier créé")));
  }

  @Test
  @DisplayName(
      "refusals: every field at fault in one summary linked to its field, in French, what was"
          + " typed kept as text; nothing stored")
  void refusals() throws Exception {
    long before = requestCount();
    String hostile = "<script>alert(1)</script>";
    mvc.perform(
            post("/dossiers/nouveau")
                .param("requestId", UUID.randomUUID().toString())
                .param("siret", TestData.siretWithWrongCheckDigit())
                .param("fiscalYearStart", "2026-01-01")
                .param("companyName", hostile)
                .param("nafCode", "ABC")
                .param("applications[PAIE].accessAllowed", "true")
                .with(csrf())
                .with(as(Api.MANAGER)))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(containsString("class=\"error-summary\"")))
        .andExpect(content().string(containsString("href=\"#siret\"")))
        .andExpect(content().string(containsString("href=\"#nafCode\"")))
        .andExpect(content().string(containsString("href=\"#documentTreeCode\"")))
        .andExpect(
            content().string(containsString("href=\"#app-PAIE-setting-payrollCompanyCode\"")))
        .andExpect(content().string(containsString("SIRET : Un SIRET a 14 chiffres")))
        .andExpect(content().string(containsString("Code NAF : Un code NAF s&#39;écrit")))
        .andExpect(content().string(containsString("choisissez celle de ce dossier")))
        .andExpect(content().string(containsString("aria-invalid=\"true\"")))
        .andExpect(content().string(containsString("id=\"siret-error\"")))
        .andExpect(
            content().string(containsString("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\"")))
        .andExpect(content().string(not(containsString(hostile))));

    mvc.perform(
            post("/dossiers/nouveau")
                .param("requestId", UUID.randomUUID().toString())
                .param("companyName", "Sans exercice")
                .param("nafCode", "ABC")
                .param("sendInvitationNow", "true")
                .with(csrf())
                .with(as(Api.MANAGER)))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(containsString("3 informations sont à corriger.")))
        .andExpect(content().string(containsString("href=\"#fiscalYearStart\"")))
        .andExpect(content().string(containsString("href=\"#nafCode\"")))
        .andExpect(content().string(containsString("href=\"#documentTreeCode\"")));

    // inviting the director of a dossier someone else will manage: only they or the administrator
    mvc.perform(
            newDossier(null)
                .param("companyName", "Pour Sophie")
                .param("managerId", String.valueOf(fixtures.staffId(Api.OTHER_MANAGER)))
                .param("directorEmail", TestData.email("dirigeant"))
                .param("directorLastName", "Dirigeant")
                .with(as(Api.MANAGER)))
        .andExpect(status().isForbidden())
        .andExpect(content().string(containsString("href=\"#directorEmail\"")))
        .andExpect(content().string(containsString("Seul le futur responsable du dossier")));
    assertThat(requestCount()).isEqualTo(before);
  }

  @Test
  @DisplayName(
      "without a SIRET, the details task is listed in /taches under its request and worked from"
          + " there: refused details are named, then the dossier is created; another manager may"
          + " not complete it")
  void detailsTaskFromTheTasksPage() throws Exception {
    String name = TestData.unique("Sans Siret ");
    String location =
        mvc.perform(newDossier(null).param("companyName", name).with(as(Api.MANAGER)))
            .andExpect(redirectedUrlPattern("/dossiers/demandes/*"))
            .andReturn()
            .getResponse()
            .getRedirectedUrl();
    long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    DossierRequestView waiting = awaitRequest(id, r -> r.process().openTask() != null);
    long key = waiting.process().openTask().userTaskKey();

    mvc.perform(get("/taches").with(as(Api.MANAGER)))
        .andExpect(content().string(containsString("Demande de création : " + name)))
        .andExpect(content().string(containsString("href=\"/dossiers/demandes/" + id + "\"")));
    mvc.perform(get("/taches/" + key).with(as(Api.MANAGER)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("id=\"details-form\"")))
        .andExpect(content().string(containsString("value=\"" + name + "\"")))
        .andExpect(content().string(containsString("/dossiers/demandes/" + id + "/informations")))
        // the same task in Tasklist (remote mode's link, configured in the tests' profile)
        .andExpect(
            content().string(containsString("href=\"http://camunda.test/tasklist/" + key + "\"")));
    mvc.perform(get(location + "/etat").with(as(Api.MANAGER)))
        .andExpect(content().string(containsString("data-stage=\"DETAILS\"")));

    mvc.perform(
            post(location + "/informations")
                .param("requestId", UUID.randomUUID().toString())
                .param("companyName", name)
                .with(csrf())
                .with(as(Api.OTHER_MANAGER)))
        .andExpect(status().isForbidden())
        .andExpect(content().string(containsString("Seuls la personne qui a demandé ce dossier")));
    mvc.perform(
            post(location + "/informations")
                .param("requestId", UUID.randomUUID().toString())
                .param("nafCode", "pas un code")
                .with(csrf())
                .with(as(Api.MANAGER)))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(containsString("href=\"#nafCode\"")))
        .andExpect(content().string(containsString("value=\"pas un code\"")));
    mvc.perform(
            post(location + "/informations")
                .param("requestId", UUID.randomUUID().toString())
                .param("nafCode", "6920z")
                .param("city", "Lyon")
                .with(csrf())
                .with(as(Api.MANAGER)))
        .andExpect(redirectedUrl(location))
        .andExpect(
            flash()
                .attribute(
                    "success", "Informations enregistrées : le dossier est en cours de création."));
    DossierRequestView done = awaitRequest(id, r -> r.status() == DossierRequestStatus.CREATED);
    DossierView dossier = dossiers.get(done.dossier().id());
    assertThat(dossier.companyName()).isEqualTo(name);
    assertThat(dossier.nafCode()).isEqualTo("69.20Z");
    assertThat(dossier.address().city()).isEqualTo("Lyon");
  }

  @Test
  @DisplayName(
      "a SIRET another dossier has: the lookup and the form say so at once, with a link to that"
          + " dossier, and no request is made")
  void siretAlreadyUsed() throws Exception {
    DossierView existing = fixtures.dossier(Api.MANAGER);
    registry.answer(existing.siret(), new FakeCompanyRegistry.Failing());
    long before = requestCount();

    mvc.perform(
            post("/dossiers/nouveau/siret")
                .param("siret", existing.siret())
                .with(csrf())
                .with(as(Api.MANAGER)))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("data-outcome=\"ALREADY_USED\"")))
        .andExpect(content().string(containsString("SIRET déjà utilisé")))
        .andExpect(content().string(containsString("href=\"/dossiers/" + existing.id() + "\"")));
    mvc.perform(newDossier(existing.siret()).with(as(Api.MANAGER)))
        .andExpect(status().isConflict())
        .andExpect(content().string(containsString("SIRET déjà utilisé")))
        .andExpect(content().string(containsString("href=\"/dossiers/" + existing.id() + "\"")));

    assertThat(registry.calls(existing.siret())).isZero();
    assertThat(requestCount()).isEqualTo(before);
  }

  @Test
  @DisplayName(
      "the registry down after every retry: the page shows the incident with \"saisie manuelle\""
          + " and \"réessayer\" (for who asked; 403 for another manager); manual entry opens the"
          + " details form")
  void registryDown() throws Exception {
    String siret = TestData.siret();
    registry.answer(siret, new FakeCompanyRegistry.Failing());
    String location =
        mvc.perform(newDossier(siret).with(as(Api.MANAGER)))
            .andReturn()
            .getResponse()
            .getRedirectedUrl();
    long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    long key =
        awaitRequest(id, r -> r.process().processInstanceKey() != null)
            .process()
            .processInstanceKey();
    mvc.perform(get(location + "/etat").with(as(Api.MANAGER)))
        .andExpect(content().string(containsString("data-stage=\"LOOKING_UP\"")))
        .andExpect(content().string(containsString("hx-trigger=\"every 2s\"")))
        .andExpect(content().string(containsString("Saisir les informations sans attendre")));

    useEveryLookupAttempt(siret);
    await().atMost(PATIENCE).until(() -> !engine.instanceState(key).incidents().isEmpty());
    mvc.perform(get(location).with(as(Api.MANAGER)))
        .andExpect(content().string(containsString("data-stage=\"REGISTRY_DOWN\"")))
        .andExpect(content().string(containsString("Le répertoire des entreprises ne répond pas")))
        .andExpect(content().string(containsString("HTTP 500")))
        .andExpect(content().string(containsString(">Saisie manuelle<")))
        .andExpect(content().string(containsString(">Réessayer<")));
    mvc.perform(get(location).with(as(Api.OTHER_MANAGER)))
        .andExpect(content().string(not(containsString(">Saisie manuelle<"))));
    mvc.perform(post(location + "/saisie-manuelle").with(csrf()).with(as(Api.OTHER_MANAGER)))
        .andExpect(status().isForbidden());

    mvc.perform(post(location + "/reessayer").with(csrf()).with(as(Api.MANAGER)))
        .andExpect(redirectedUrl(location))
        .andExpect(
            flash()
                .attribute(
                    "success", "La recherche dans le répertoire des entreprises est relancée."));
    mvc.perform(post(location + "/saisie-manuelle").with(csrf()).with(as(Api.MANAGER)))
        .andExpect(redirectedUrl(location))
        .andExpect(flash().attributeExists("success"));
    awaitRequest(id, r -> r.process().openTask() != null && r.process().incidents().isEmpty());
    mvc.perform(get(location).with(as(Api.MANAGER)))
        .andExpect(content().string(containsString("data-stage=\"DETAILS\"")))
        .andExpect(content().string(containsString("id=\"details-form\"")));
    // asked twice: nothing more happens
    mvc.perform(post(location + "/saisie-manuelle").with(csrf()).with(as(Api.MANAGER)))
        .andExpect(redirectedUrl(location));
  }

  // ---- helpers ----

  MockHttpServletRequestBuilder lookup(String siret) {
    return post("/dossiers/nouveau/siret")
        .param("siret", siret)
        .param("requestId", UUID.randomUUID().toString())
        .header("HX-Request", "true")
        .with(csrf());
  }

  MockHttpServletRequestBuilder newDossier(String siret) {
    return newDossier(siret, "CABINET");
  }

  MockHttpServletRequestBuilder newDossier(String siret, String documentTreeCode) {
    var form =
        post("/dossiers/nouveau")
            .param("requestId", UUID.randomUUID().toString())
            .param("fiscalYearStart", "2026-01-01")
            .param("documentTreeCode", documentTreeCode)
            .param("sendInvitationNow", "true")
            .with(csrf());
    if (siret != null) {
      form.param("siret", siret);
    }
    return form;
  }

  long requestCount() {
    return requests.list(null, null, PageRequest.of(0, 1)).getTotalElements();
  }

  DossierRequestView awaitRequest(long id, Predicate<DossierRequestView> condition) {
    await().atMost(PATIENCE).until(() -> condition.test(requests.get(id)));
    return requests.get(id);
  }

  /** The lookup's five attempts, the engine clock moved past each backoff (10 s … 10 min). */
  void useEveryLookupAttempt(String siret) {
    LookupAttempts.useAll(registry, embedded, siret, PATIENCE, () -> {});
  }
}
