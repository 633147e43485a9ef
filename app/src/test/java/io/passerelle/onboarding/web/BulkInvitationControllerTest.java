package io.passerelle.onboarding.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.passerelle.domain.Actor;
import io.passerelle.onboarding.BulkInvitationService;
import io.passerelle.onboarding.BulkInvitationView;
import io.passerelle.onboarding.BulkPreview;
import io.passerelle.onboarding.BulkRequest;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.staff.StaffRole;
import io.passerelle.support.WebSliceTest;
import io.passerelle.support.WebSlices;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * {@code /api/bulk-invitations} in the web slice, the service mocked: what the controller and the
 * HTTP layer decide alone — the security chain, Bean Validation of the request (the preview's and
 * the sending's), what reaches the service. Who may invite which dossiers, the candidates and the
 * sending itself are tested with the whole application in {@code OnboardingJourneyTest} and {@code
 * AssignmentScopeAttackTest}.
 */
@WebSliceTest
class BulkInvitationControllerTest {

  static final StaffPrincipal MANAGER = WebSlices.member(7, "Claire", "Martin", StaffRole.MANAGER);

  static final List<String> PATHS =
      List.of("/api/bulk-invitations/preview", "/api/bulk-invitations");

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired BulkInvitationService bulks;

  @Test
  @DisplayName(
      "without credentials: 401 problem+json asking for HTTP Basic, for the preview and the"
          + " sending; the service not asked")
  void signInRequired() throws Exception {
    for (String path : PATHS) {
      mvc.perform(
              post(path)
                  .contentType(MediaType.APPLICATION_JSON)
                  .accept(MediaType.APPLICATION_JSON)
                  .content(json.writeValueAsString(request())))
          .andExpect(WebSlices.signInRequired());
    }
    verifyNoInteractions(bulks);
  }

  @Test
  @DisplayName(
      "no dossier and a blank offer are a 400 with REQUIRED on both fields, for the preview and"
          + " the sending")
  void requiredFields() throws Exception {
    var body = request();
    body.put("dossierIds", List.of());
    body.put("offerCode", " ");
    for (String path : PATHS) {
      send(path, body)
          .andExpect(WebSlices.validationFailed())
          .andExpect(WebSlices.fieldError("dossierIds", "REQUIRED"))
          .andExpect(WebSlices.fieldError("offerCode", "REQUIRED"));
    }
    var missing = request();
    missing.remove("dossierIds");
    missing.remove("offerCode");
    send("/api/bulk-invitations", missing)
        .andExpect(status().isBadRequest())
        .andExpect(WebSlices.fieldError("dossierIds", "REQUIRED"))
        .andExpect(WebSlices.fieldError("offerCode", "REQUIRED"));
    verifyNoInteractions(bulks);
  }

  @Test
  @DisplayName(
      "more dossiers than a bulk invitation takes, an offer code and a message over their length"
          + " are TOO_LONG field errors, for the preview and the sending")
  void tooLong() throws Exception {
    var body = request();
    body.put(
        "dossierIds",
        LongStream.rangeClosed(1, BulkInvitationService.MAX_DOSSIERS + 1).boxed().toList());
    body.put("offerCode", "O".repeat(41));
    body.put("customMessage", "m".repeat(2001));
    for (String path : PATHS) {
      send(path, body)
          .andExpect(WebSlices.validationFailed())
          .andExpect(WebSlices.fieldError("dossierIds", "TOO_LONG"))
          .andExpect(WebSlices.fieldError("offerCode", "TOO_LONG"))
          .andExpect(WebSlices.fieldError("customMessage", "TOO_LONG"));
    }
    verifyNoInteractions(bulks);
  }

  @Test
  @DisplayName("a null among the dossier and contact ids is a REQUIRED field error on its index")
  void nullIds() throws Exception {
    var body = request();
    var dossiers = new ArrayList<Long>(List.of(12L));
    dossiers.add(null);
    var contacts = new ArrayList<Long>();
    contacts.add(null);
    body.put("dossierIds", dossiers);
    body.put("contactIds", contacts);
    send("/api/bulk-invitations/preview", body)
        .andExpect(WebSlices.validationFailed())
        .andExpect(WebSlices.fieldError("dossierIds[1]", "REQUIRED"))
        .andExpect(WebSlices.fieldError("contactIds[0]", "REQUIRED"));
    verifyNoInteractions(bulks);
  }

  @Test
  @DisplayName("a valid preview goes to the service as typed, by the signed-in member: 200")
  void previewsThroughTheService() throws Exception {
    when(bulks.preview(any(), any())).thenReturn(new BulkPreview("START", 0, 0, List.of()));

    send("/api/bulk-invitations/preview", request())
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.offerCode").value("START"));
    verify(bulks)
        .preview(
            eq(new BulkRequest(List.of(12L, 13L), List.of(31L), "START", "Votre nouvel espace")),
            eq(new Actor.Staff(7, "claire.martin", false)));
  }

  @Test
  @DisplayName(
      "a valid sending goes to the service as typed, by the signed-in member: 202 and its link")
  void startsThroughTheService() throws Exception {
    when(bulks.start(any(), any()))
        .thenReturn(
            new BulkInvitationView(
                55,
                "START",
                "Votre nouvel espace",
                7,
                "RUNNING",
                3,
                Map.of("PENDING", 3L),
                0,
                0,
                Instant.parse("2026-12-01T10:00:00Z"),
                null,
                null));

    send("/api/bulk-invitations", request())
        .andExpect(status().isAccepted())
        .andExpect(header().string("Location", "/api/bulk-invitations/55"))
        .andExpect(jsonPath("$.id").value(55));
    verify(bulks)
        .start(
            eq(new BulkRequest(List.of(12L, 13L), List.of(31L), "START", "Votre nouvel espace")),
            eq(new Actor.Staff(7, "claire.martin", false)));
  }

  private ResultActions send(String path, Object body) throws Exception {
    return mvc.perform(WebSlices.asJson(post(path), MANAGER, json.writeValueAsString(body)));
  }

  private static Map<String, Object> request() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("dossierIds", List.of(12, 13));
    body.put("contactIds", List.of(31));
    body.put("offerCode", "START");
    body.put("customMessage", "Votre nouvel espace");
    return body;
  }
}
