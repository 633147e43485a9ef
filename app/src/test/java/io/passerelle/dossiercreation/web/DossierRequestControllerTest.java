package io.passerelle.dossiercreation.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.passerelle.domain.Actor;
import io.passerelle.dossiercreation.CompanyDetails;
import io.passerelle.dossiercreation.CompanyFields;
import io.passerelle.dossiercreation.DossierRequestService;
import io.passerelle.dossiercreation.DossierRequestStatus;
import io.passerelle.dossiercreation.DossierRequestView;
import io.passerelle.dossiercreation.NewDossierRequest;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.staff.StaffRole;
import io.passerelle.support.WebSliceTest;
import io.passerelle.support.WebSlices;
import java.time.LocalDate;
import java.util.Collections;
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
 * {@code /api/dossier-requests} in the web slice, the dossier request service mocked: what the
 * controller and the HTTP layer decide alone — the security chain, Bean Validation of a new request
 * and of the company's details (lengths, control characters, what a fiscal year, a partner
 * application and a director must have), what reaches the service. The firm's rules (who may ask, a
 * SIRET's check digit, the NAF code's form, overlapping fiscal years, the document tree, the
 * partner applications' catalogue, the director's e-mail) are the service's, tested with the whole
 * application in {@code DossierRequestApiTest} and {@code DossierCreationJourneyTest}.
 */
@WebSliceTest
class DossierRequestControllerTest {

  static final StaffPrincipal MANAGER = WebSlices.member(9, "Claire", "Martin", StaffRole.MANAGER);

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired DossierRequestService requests;

  @Test
  @DisplayName("without credentials: 401 problem+json asking for HTTP Basic; the service not asked")
  void signInRequired() throws Exception {
    mvc.perform(get("/api/dossier-requests").accept(MediaType.APPLICATION_JSON))
        .andExpect(WebSlices.signInRequired());
    verifyNoInteractions(requests);
  }

  @Test
  @DisplayName(
      "a new request's SIRET, company name and lists over their length, a line break in the"
          + " address are 400 field errors, each named by its path")
  void newRequestTooLong() throws Exception {
    var body = request();
    body.put("siret", "1".repeat(21));
    body.put(
        "company",
        Map.of("companyName", "C".repeat(201), "address", Map.of("line1", "3 rue\r\nNeuve")));
    body.put("assignedStaffIds", Collections.nCopies(51, 7));
    send("/api/dossier-requests", body)
        .andExpect(WebSlices.validationFailed())
        .andExpect(WebSlices.fieldError("siret", "TOO_LONG"))
        .andExpect(WebSlices.fieldError("company.companyName", "TOO_LONG"))
        .andExpect(WebSlices.fieldError("company.address.line1", "CONTROL_CHARACTER"))
        .andExpect(WebSlices.fieldError("assignedStaffIds", "TOO_LONG"));
    verifyNoInteractions(requests);
  }

  @Test
  @DisplayName(
      "a fiscal year without its start, a partner application without its code, a director without"
          + " an e-mail are 400 REQUIRED each")
  void newRequestRequiredParts() throws Exception {
    var body = request();
    body.put("fiscalYears", List.of(Map.of("end", "2026-12-31")));
    body.put("partnerApplications", List.of(Map.of("accessAllowed", true)));
    body.put("director", Map.of("firstName", "Anne", "lastName", "Petit\nBcc: x@y.fr"));
    send("/api/dossier-requests", body)
        .andExpect(WebSlices.validationFailed())
        .andExpect(WebSlices.fieldError("fiscalYears[0].start", "REQUIRED"))
        .andExpect(WebSlices.fieldError("partnerApplications[0].code", "REQUIRED"))
        .andExpect(WebSlices.fieldError("director.email", "REQUIRED"))
        .andExpect(WebSlices.fieldError("director.lastName", "CONTROL_CHARACTER"));
    verifyNoInteractions(requests);
  }

  @Test
  @DisplayName(
      "the company's details: a NAF code, a postal code over their length and a line break in the"
          + " legal form are 400 field errors")
  void companyDetailsInvalid() throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("nafCode", "69.20ZZ");
    body.put("legalForm", "SARL\n");
    body.put("address", Map.of("postalCode", "1".repeat(11)));
    send("/api/dossier-requests/41/company-details", body)
        .andExpect(WebSlices.validationFailed())
        .andExpect(WebSlices.fieldError("nafCode", "TOO_LONG"))
        .andExpect(WebSlices.fieldError("legalForm", "CONTROL_CHARACTER"))
        .andExpect(WebSlices.fieldError("address.postalCode", "TOO_LONG"));
    verifyNoInteractions(requests);
  }

  @Test
  @DisplayName(
      "a valid request goes to the service as typed, by the signed-in member: 202 and its link;"
          + " the invitation leaves now unless said otherwise")
  void submitsThroughTheService() throws Exception {
    when(requests.submit(any(), any())).thenReturn(view(41));
    var body = request();
    body.put("siret", "732 829 320 00074");
    body.put("fiscalYears", List.of(Map.of("start", "2026-01-01")));

    send("/api/dossier-requests", body)
        .andExpect(status().isAccepted())
        .andExpect(header().string("Location", "/api/dossier-requests/41"))
        .andExpect(jsonPath("$.id").value(41))
        .andExpect(jsonPath("$.status").value("DETAILS_NEEDED"));
    verify(requests)
        .submit(
            eq(
                new NewDossierRequest(
                    "732 829 320 00074",
                    new CompanyDetails("Société Test", null, null, null, null, null, null, null),
                    List.of(new CompanyFields.FiscalYear(LocalDate.of(2026, 1, 1), null)),
                    null,
                    null,
                    "CABINET",
                    null,
                    null,
                    true)),
            eq(new Actor.Staff(9, "claire.martin", false)));
  }

  @Test
  @DisplayName("valid company details go to the service for that request, with the SIRET: 200")
  void completesDetailsThroughTheService() throws Exception {
    when(requests.completeDetails(anyLong(), any(), any(), any())).thenReturn(view(41));
    send(
            "/api/dossier-requests/41/company-details",
            Map.of(
                "companyName",
                "Atelier Martin",
                "nafCode",
                "6920z",
                "address",
                Map.of("line1", "3 rue Neuve", "postalCode", "69001", "city", "Lyon")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.id").value(41));
    verify(requests)
        .completeDetails(
            eq(41L),
            eq(null),
            eq(
                new CompanyDetails(
                    "Atelier Martin", null, "3 rue Neuve", null, "69001", "Lyon", null, "6920z")),
            eq(new Actor.Staff(9, "claire.martin", false)));
  }

  private ResultActions send(String path, Map<String, Object> body) throws Exception {
    return mvc.perform(WebSlices.asJson(post(path), MANAGER, json.writeValueAsString(body)));
  }

  private static Map<String, Object> request() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("company", Map.of("companyName", "Société Test"));
    body.put("documentTreeCode", "CABINET");
    return body;
  }

  private static DossierRequestView view(long id) {
    return new DossierRequestView(
        id,
        DossierRequestStatus.DETAILS_NEEDED,
        null,
        null,
        null,
        List.of(),
        null,
        null,
        List.of(),
        "CABINET",
        List.of(),
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }
}
