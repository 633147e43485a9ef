package io.passerelle.dossier.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.passerelle.domain.Actor;
import io.passerelle.domain.CommonErrors;
import io.passerelle.domain.DomainException;
import io.passerelle.dossier.DossierService;
import io.passerelle.dossier.DossierView;
import io.passerelle.dossier.NewDossier;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.staff.StaffRole;
import io.passerelle.support.TestData;
import io.passerelle.support.WebSliceTest;
import io.passerelle.support.WebSlices;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * {@code /api/dossiers} in the web slice, the dossier service mocked: what the controller and the
 * HTTP layer decide alone — the security chain, Bean Validation and the problem+json it gives, the
 * mapping of the service's answers. The rules themselves (SIRET taken, who may create) are the
 * service's, tested with the whole application in {@code DossierApiTest}.
 */
@WebSliceTest
class DossierControllerTest {

  static final StaffPrincipal MANAGER = WebSlices.member(7, "Claire", "Martin", StaffRole.MANAGER);

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired DossierService dossiers;

  @Test
  @DisplayName("without credentials: 401 problem+json asking for HTTP Basic; the service not asked")
  void signInRequired() throws Exception {
    mvc.perform(get("/api/dossiers").accept(MediaType.APPLICATION_JSON))
        .andExpect(WebSlices.signInRequired());
    verifyNoInteractions(dossiers);
  }

  @Test
  @DisplayName("a SIRET with a wrong check digit is a 400 with the field error INVALID_SIRET")
  void refusesAWrongCheckDigit() throws Exception {
    create(dossier(TestData.siretWithWrongCheckDigit()))
        .andExpect(WebSlices.validationFailed())
        .andExpect(jsonPath("$.errors[0].field").value("siret"))
        .andExpect(jsonPath("$.errors[0].code").value("INVALID_SIRET"));
    verifyNoInteractions(dossiers);
  }

  @Test
  @DisplayName("a SIRET of 13 digits is refused")
  void refusesThirteenDigits() throws Exception {
    create(dossier("7328293200007"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].code").value("INVALID_SIRET"));
    verifyNoInteractions(dossiers);
  }

  @Test
  @DisplayName("a company name over 200 characters and a missing name are field errors")
  void fieldsTooLong() throws Exception {
    var body = dossier(TestData.siret());
    body.put("companyName", "x".repeat(201));
    body.put("legalForm", "y".repeat(61));
    create(body)
        .andExpect(status().isBadRequest())
        .andExpect(WebSlices.fieldError("companyName", "TOO_LONG"))
        .andExpect(WebSlices.fieldError("legalForm", "TOO_LONG"));
    body.remove("companyName");
    create(body)
        .andExpect(status().isBadRequest())
        .andExpect(WebSlices.fieldError("companyName", "REQUIRED"));
    verifyNoInteractions(dossiers);
  }

  @Test
  @DisplayName(
      "a valid dossier goes to the service as typed, by the signed-in member: 201 and its link")
  void createsThroughTheService() throws Exception {
    when(dossiers.create(any(), any())).thenReturn(view(41, "Menuiserie Dupont"));
    var body = dossier("732 829 320 00074");

    create(body)
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", "/api/dossiers/41"))
        .andExpect(jsonPath("$.id").value(41));
    verify(dossiers)
        .create(
            eq(
                new NewDossier(
                    body.get("companyName").toString(),
                    "732 829 320 00074",
                    "SARL",
                    "1 rue Haute",
                    null,
                    "69001",
                    "Lyon",
                    null,
                    "1623Z",
                    java.time.LocalDate.parse("2026-07-01"),
                    null,
                    null,
                    null)),
            eq(new Actor.Staff(7, "claire.martin", false)));
  }

  @Test
  @DisplayName("the service's \"unknown dossier\" is a 404 problem+json with its code")
  void unknownDossier() throws Exception {
    when(dossiers.get(anyLong()))
        .thenThrow(DomainException.notFound(CommonErrors.DOSSIER_UNKNOWN, "No dossier 99."));
    mvc.perform(get("/api/dossiers/99").with(user(MANAGER)).accept(MediaType.APPLICATION_JSON))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("DOSSIER_UNKNOWN"));
  }

  @Test
  @DisplayName("markup in a company name never comes back as markup in the JSON")
  void markupIsEscapedOnOutput() throws Exception {
    String name = "<script>alert('x')</script> & Fils";
    when(dossiers.get(5)).thenReturn(view(5, name));
    String raw =
        mvc.perform(get("/api/dossiers/5").with(user(MANAGER)).accept(MediaType.APPLICATION_JSON))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.companyName").value(name))
            .andReturn()
            .getResponse()
            .getContentAsString();
    org.assertj.core.api.Assertions.assertThat(raw)
        .doesNotContain("<script>")
        .contains("\\u003Cscript\\u003E");
  }

  private ResultActions create(Map<String, Object> body) throws Exception {
    return mvc.perform(
        WebSlices.asJson(post("/api/dossiers"), MANAGER, json.writeValueAsString(body)));
  }

  private static Map<String, Object> dossier(String siret) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("companyName", TestData.unique("Menuiserie "));
    body.put("siret", siret);
    body.put("legalForm", "SARL");
    body.put("address", Map.of("line1", "1 rue Haute", "postalCode", "69001", "city", "Lyon"));
    body.put("nafCode", "1623Z");
    body.put("fiscalYearStart", "2026-07-01");
    return body;
  }

  private static DossierView view(long id, String name) {
    return new DossierView(
        id,
        name,
        null,
        null,
        new DossierView.Address(null, null, null, null, "FR"),
        null,
        new DossierView.StaffRef(7, "claire.martin", "Claire Martin"),
        List.of(),
        List.of(),
        List.of(),
        Instant.parse("2026-12-01T10:00:00Z"));
  }
}
