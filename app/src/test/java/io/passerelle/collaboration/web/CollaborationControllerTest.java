package io.passerelle.collaboration.web;

import static org.mockito.ArgumentMatchers.any;
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
import io.passerelle.collaboration.CollaborationService;
import io.passerelle.collaboration.Proposal;
import io.passerelle.collaboration.ProposeService;
import io.passerelle.collaboration.ServiceStatus;
import io.passerelle.collaboration.ServiceView;
import io.passerelle.domain.Actor;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.staff.StaffRole;
import io.passerelle.support.WebSliceTest;
import io.passerelle.support.WebSlices;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * {@code /api/collaborative-services} in the web slice, the collaboration service mocked: what the
 * controller and the HTTP layer decide alone — the security chain, Bean Validation of a proposal
 * and the problem+json it gives, what reaches the service and the status its answer makes. The
 * firm's rules (the contact linked to the dossier, the offer active on it, the dossier's manager
 * only, the live service found again) are the service's, tested with the whole application in
 * {@code CollaborationTest}.
 */
@WebSliceTest
class CollaborationControllerTest {

  static final StaffPrincipal MANAGER = WebSlices.member(9, "Claire", "Martin", StaffRole.MANAGER);

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired CollaborationService services;

  @Test
  @DisplayName("without credentials: 401 problem+json asking for HTTP Basic; the service not asked")
  void signInRequired() throws Exception {
    mvc.perform(get("/api/collaborative-services").accept(MediaType.APPLICATION_JSON))
        .andExpect(WebSlices.signInRequired());
    verifyNoInteractions(services);
  }

  @Test
  @DisplayName("a missing dossier, contact and offer are 400 REQUIRED each")
  void requiredFields() throws Exception {
    propose(new LinkedHashMap<>())
        .andExpect(WebSlices.validationFailed())
        .andExpect(WebSlices.fieldError("dossierId", "REQUIRED"))
        .andExpect(WebSlices.fieldError("contactId", "REQUIRED"))
        .andExpect(WebSlices.fieldError("offerCode", "REQUIRED"));
    verifyNoInteractions(services);
  }

  @ParameterizedTest(name = "\"{0}\" is refused")
  @ValueSource(strings = {"", "   "})
  @DisplayName("a blank offer code is a 400 REQUIRED on offerCode")
  void blankOffer(String offerCode) throws Exception {
    propose(proposal(offerCode))
        .andExpect(WebSlices.validationFailed())
        .andExpect(WebSlices.fieldError("offerCode", "REQUIRED"));
    verifyNoInteractions(services);
  }

  @Test
  @DisplayName("an offer code over 40 characters is a 400 TOO_LONG on offerCode")
  void offerTooLong() throws Exception {
    propose(proposal("O".repeat(41)))
        .andExpect(WebSlices.validationFailed())
        .andExpect(WebSlices.fieldError("offerCode", "TOO_LONG"));
    verifyNoInteractions(services);
  }

  @Test
  @DisplayName(
      "a valid proposal goes to the service as typed, by the signed-in member: 201 and its link")
  void proposesThroughTheService() throws Exception {
    when(services.propose(any(), any())).thenReturn(new Proposal(service(77), 5, false, true));

    propose(proposal("START"))
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", "/api/collaborative-services/77"))
        .andExpect(jsonPath("$.service.id").value(77))
        .andExpect(jsonPath("$.created").value(true));
    verify(services)
        .propose(
            eq(new ProposeService(null, 12, 34, "START", null)),
            eq(new Actor.Staff(9, "claire.martin", false)));
  }

  @Test
  @DisplayName("proposed already: the service's live one comes back with 200, not 201")
  void proposedAlreadyIsOk() throws Exception {
    when(services.propose(any(), any())).thenReturn(new Proposal(service(77), 5, true, false));

    propose(proposal("START"))
        .andExpect(status().isOk())
        .andExpect(header().string("Location", "/api/collaborative-services/77"))
        .andExpect(jsonPath("$.created").value(false))
        .andExpect(jsonPath("$.accountActive").value(true));
  }

  private ResultActions propose(Map<String, Object> body) throws Exception {
    return mvc.perform(
        WebSlices.asJson(
            post("/api/collaborative-services"), MANAGER, json.writeValueAsString(body)));
  }

  private static Map<String, Object> proposal(String offerCode) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("dossierId", 12);
    body.put("contactId", 34);
    body.put("offerCode", offerCode);
    return body;
  }

  private static ServiceView service(long id) {
    return new ServiceView(
        id,
        12,
        34,
        "START",
        ServiceStatus.PROPOSED,
        null,
        null,
        9L,
        Instant.parse("2026-12-01T10:00:00Z"),
        null,
        null,
        null);
  }
}
