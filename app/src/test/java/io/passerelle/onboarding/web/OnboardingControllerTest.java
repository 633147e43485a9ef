package io.passerelle.onboarding.web;

import static org.mockito.ArgumentMatchers.any;
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
import io.passerelle.account.InvitationService;
import io.passerelle.contact.AccessLevel;
import io.passerelle.contact.NewContact;
import io.passerelle.contact.SubscriberType;
import io.passerelle.domain.Actor;
import io.passerelle.engine.ProcessEngine;
import io.passerelle.onboarding.OnboardingService;
import io.passerelle.onboarding.ProposeCollaborativeService;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.staff.StaffRole;
import io.passerelle.support.SliceViews;
import io.passerelle.support.WebSliceTest;
import io.passerelle.support.WebSlices;
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
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code /api/onboardings} and the invitations' batch actions in the web slice, the services and
 * the engine mocked: what the controller and the HTTP layer decide alone — the security chain, Bean
 * Validation of a proposal, the selection's bounds, the sortable properties, what reaches the
 * service. The journey itself (who may propose, the offer, the contact's role, the engine) is
 * tested with the whole application in {@code OnboardingJourneyTest}.
 */
@WebSliceTest
class OnboardingControllerTest {

  static final StaffPrincipal MANAGER = WebSlices.member(7, "Claire", "Martin", StaffRole.MANAGER);

  @Autowired MockMvc mvc;
  @Autowired ObjectMapper json;
  @Autowired OnboardingService onboardings;
  @Autowired InvitationService invitations;
  @Autowired ProcessEngine engine;
  @Autowired PlatformTransactionManager transactions;

  @Test
  @DisplayName("without credentials: 401 problem+json asking for HTTP Basic; the service not asked")
  void signInRequired() throws Exception {
    mvc.perform(
            post("/api/onboardings")
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(proposal())))
        .andExpect(WebSlices.signInRequired());
    verifyNoInteractions(onboardings, invitations);
  }

  @Test
  @DisplayName("a proposal without dossier nor offer is a 400 with REQUIRED on both fields")
  void requiredFields() throws Exception {
    var body = proposal();
    body.remove("dossierId");
    body.put("offerCode", " ");
    send("/api/onboardings", body)
        .andExpect(WebSlices.validationFailed())
        .andExpect(WebSlices.fieldError("dossierId", "REQUIRED"))
        .andExpect(WebSlices.fieldError("offerCode", "REQUIRED"));
    verifyNoInteractions(onboardings);
  }

  @Test
  @DisplayName(
      "fields over their length, a line break in limitedTo and a new contact's bad e-mail are field"
          + " errors")
  void invalidFields() throws Exception {
    var body = proposal();
    body.put("offerCode", "O".repeat(41));
    body.put("customMessage", "m".repeat(2001));
    body.put("limitedTo", "Paie\r\nBcc: x@y.fr");
    body.put("contact", newContact("jean dupont@example.fr"));
    send("/api/onboardings", body)
        .andExpect(WebSlices.validationFailed())
        .andExpect(WebSlices.fieldError("offerCode", "TOO_LONG"))
        .andExpect(WebSlices.fieldError("customMessage", "TOO_LONG"))
        .andExpect(WebSlices.fieldError("limitedTo", "CONTROL_CHARACTER"))
        .andExpect(WebSlices.fieldError("contact.email", "INVALID_EMAIL"));
    verifyNoInteractions(onboardings);
  }

  @Test
  @DisplayName(
      "a valid proposal goes to the service as typed, by the signed-in member: 202 and its link")
  void proposesThroughTheService() throws Exception {
    when(onboardings.propose(any(), any())).thenReturn(SliceViews.onboarding(41, null, true, null));

    send("/api/onboardings", proposal())
        .andExpect(status().isAccepted())
        .andExpect(header().string("Location", "/api/onboardings/41"))
        .andExpect(jsonPath("$.id").value(41))
        .andExpect(jsonPath("$.status").value("STARTING"));
    verify(onboardings)
        .propose(
            eq(
                new ProposeCollaborativeService(
                    12,
                    null,
                    new NewContact(
                        "Jeanne",
                        "Lefort",
                        null,
                        null,
                        SubscriberType.CLIENT,
                        null,
                        "jeanne@example.fr",
                        null,
                        "DIRIGEANT",
                        false,
                        null),
                    null,
                    AccessLevel.READ_ONLY,
                    false,
                    "START",
                    null,
                    true)),
            eq(new Actor.Staff(7, "claire.martin", false)));
  }

  @Test
  @DisplayName("resending or cancelling nothing is a 400 NOTHING_SELECTED; nothing is asked")
  void nothingSelected() throws Exception {
    for (String action : List.of("resend", "cancellation")) {
      send("/api/invitations/" + action, Map.of("invitationIds", List.of()))
          .andExpect(status().isBadRequest())
          .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
          .andExpect(jsonPath("$.code").value("NOTHING_SELECTED"))
          .andExpect(jsonPath("$.errors[0].field").value("invitationIds"));
    }
    verifyNoInteractions(onboardings, invitations);
  }

  @Test
  @DisplayName(
      "more than 500 lines in all (invitations and onboardings together) is a 400 TOO_MANY;"
          + " nothing is asked")
  void tooManySelected() throws Exception {
    var selection =
        Map.of(
            "invitationIds", LongStream.rangeClosed(1, 300).boxed().toList(),
            "onboardingIds", LongStream.rangeClosed(1, 201).boxed().toList());
    for (String action : List.of("resend", "cancellation")) {
      send("/api/invitations/" + action, selection)
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.code").value("TOO_MANY"))
          .andExpect(jsonPath("$.errors[0].field").value("onboardingIds"));
    }
    send(
            "/api/invitations/resend",
            Map.of("invitationIds", LongStream.rangeClosed(1, 501).boxed().toList()))
        .andExpect(WebSlices.validationFailed())
        .andExpect(WebSlices.fieldError("invitationIds", "TOO_LONG"));
    verifyNoInteractions(onboardings, invitations);
  }

  @Test
  @DisplayName("an onboarding id that is no number is a 400 MALFORMED_REQUEST naming the element")
  void idThatIsNoNumber() throws Exception {
    send("/api/invitations/resend", Map.of("onboardingIds", List.of(41, "x")))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("MALFORMED_REQUEST"))
        .andExpect(WebSlices.fieldError("onboardingIds.[1]", "INVALID_VALUE"));
    verifyNoInteractions(onboardings, invitations);
  }

  @Test
  @DisplayName("the list sorted by a property it does not offer is a 400 INVALID_SORT")
  void unknownSort() throws Exception {
    mvc.perform(
            get("/api/onboardings?sort=customMessage,desc")
                .with(user(MANAGER))
                .accept(MediaType.APPLICATION_JSON))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("INVALID_SORT"))
        .andExpect(jsonPath("$.errors[0].field").value("sort"));
    verifyNoInteractions(onboardings);
  }

  private ResultActions send(String path, Object body) throws Exception {
    return mvc.perform(WebSlices.asJson(post(path), MANAGER, json.writeValueAsString(body)));
  }

  private static Map<String, Object> proposal() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("dossierId", 12);
    body.put("contact", newContact("jeanne@example.fr"));
    body.put("offerCode", "START");
    body.put("accessLevel", "READ_ONLY");
    return body;
  }

  private static Map<String, Object> newContact(String email) {
    Map<String, Object> contact = new LinkedHashMap<>();
    contact.put("firstName", "Jeanne");
    contact.put("lastName", "Lefort");
    contact.put("subscriberType", "CLIENT");
    contact.put("email", email);
    contact.put("organisationalRoleCode", "DIRIGEANT");
    return contact;
  }
}
