package io.passerelle.delegation.web;

import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
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

import io.passerelle.contact.AccessLevel;
import io.passerelle.contact.AdvisorType;
import io.passerelle.contact.ContactStatus;
import io.passerelle.contact.ContactView;
import io.passerelle.contact.LinkView;
import io.passerelle.contact.SubscriberType;
import io.passerelle.delegation.AdvisorRegistration;
import io.passerelle.delegation.DelegatedInvitationService;
import io.passerelle.delegation.ExternalPermissions;
import io.passerelle.delegation.NewAdvisor;
import io.passerelle.domain.Actor;
import io.passerelle.domain.CommonErrors;
import io.passerelle.domain.DomainException;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.staff.StaffRole;
import io.passerelle.support.WebSliceTest;
import io.passerelle.support.WebSlices;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * {@code /api/dossiers/{id}/advisors} and an outside person's permissions in the web slice, the
 * delegation service mocked: the security chain, Bean Validation of the advisor (400 field errors),
 * what reaches the service (the defaults of {@code invite} and {@code sendNow}, the actor), the 201
 * with its Location, a refusal as problem+json. Who may register whom, and what an invitation
 * starts, are tested with the whole application ({@code delegation.DelegatedInvitationRulesTest}).
 */
@WebSliceTest
class DelegatedInvitationControllerTest {

  static final StaffPrincipal MANAGER = WebSlices.member(7, "Claire", "Martin", StaffRole.MANAGER);
  static final Actor MANAGER_ACTOR = new Actor.Staff(7, "claire.martin", false);

  @Autowired MockMvc mvc;
  @Autowired DelegatedInvitationService delegation;

  @Test
  @DisplayName("without credentials: 401 problem+json; the service not asked")
  void signInRequired() throws Exception {
    mvc.perform(
            post("/api/dossiers/5/advisors")
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .content("{\"email\":\"n@notaires.test\"}"))
        .andExpect(WebSlices.signInRequired());
    mvc.perform(get("/api/dossiers/5/contacts/40/permissions").accept(MediaType.APPLICATION_JSON))
        .andExpect(WebSlices.signInRequired());
    verifyNoInteractions(delegation);
  }

  @Test
  @DisplayName("no e-mail, a name too long, a line break in the phone: 400 with each field's error")
  void validation() throws Exception {
    String body =
        "{\"firstName\":\""
            + "N".repeat(101)
            + "\",\"phone\":\"01 23\\n45\",\"customMessage\":\""
            + "m".repeat(2001)
            + "\"}";
    mvc.perform(WebSlices.asJson(post("/api/dossiers/5/advisors"), MANAGER, body))
        .andExpect(WebSlices.validationFailed())
        .andExpect(WebSlices.fieldError("email", "REQUIRED"))
        .andExpect(WebSlices.fieldError("firstName", "TOO_LONG"))
        .andExpect(WebSlices.fieldError("phone", "CONTROL_CHARACTER"))
        .andExpect(WebSlices.fieldError("customMessage", "TOO_LONG"));
    verifyNoInteractions(delegation);
  }

  @Test
  @DisplayName("an advisor type that does not exist, a dossier id that is no number: 400")
  void badBinding() throws Exception {
    mvc.perform(
            WebSlices.asJson(
                post("/api/dossiers/5/advisors"),
                MANAGER,
                "{\"email\":\"n@notaires.test\",\"advisorType\":\"ASTROLOGUE\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    mvc.perform(get("/api/dossiers/cinq/contacts/40/permissions").with(user(MANAGER)))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("INVALID_PARAMETER"));
    verifyNoInteractions(delegation);
  }

  @Test
  @DisplayName(
      "a registration: the advisor, not invited and sent now by default, by the member; 201")
  void registered() throws Exception {
    when(delegation.registerAdvisor(
            eq(5L),
            eq(advisor()),
            eq(AccessLevel.READ_ONLY),
            eq(false),
            isNull(),
            isNull(),
            eq(true),
            eq(MANAGER_ACTOR)))
        .thenReturn(new AdvisorRegistration(contact(), link(), null));

    mvc.perform(
            WebSlices.asJson(
                post("/api/dossiers/5/advisors"),
                MANAGER,
                """
                {"firstName":"Nina","lastName":"Roche","companyName":"Roche Notaires",
                 "advisorType":"NOTARY","email":"n@notaires.test","phone":"01 23 45 67 89",
                 "organisationalRoleCode":"NOTAIRE","accessLevel":"READ_ONLY"}
                """))
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", "/api/dossiers/5/links/61"))
        .andExpect(jsonPath("$.contact.id").value(40))
        .andExpect(jsonPath("$.link.accessLevel").value("READ_ONLY"));
  }

  @Test
  @DisplayName("invited, not sent now, with an offer and a message: all given to the service")
  void invitedLater() throws Exception {
    when(delegation.registerAdvisor(
            anyLong(),
            eq(advisor()),
            eq(AccessLevel.READ_WRITE),
            anyBoolean(),
            eq("START"),
            eq("Bonjour"),
            anyBoolean(),
            eq(MANAGER_ACTOR)))
        .thenReturn(new AdvisorRegistration(contact(), link(), 88L));

    mvc.perform(
            WebSlices.asJson(
                post("/api/dossiers/5/advisors"),
                MANAGER,
                """
                {"firstName":"Nina","lastName":"Roche","companyName":"Roche Notaires",
                 "advisorType":"NOTARY","email":"n@notaires.test","phone":"01 23 45 67 89",
                 "organisationalRoleCode":"NOTAIRE","accessLevel":"READ_WRITE","invite":true,
                 "offerCode":"START","customMessage":"Bonjour","sendNow":false}
                """))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.onboardingId").value(88));
    verify(delegation)
        .registerAdvisor(
            5L, advisor(), AccessLevel.READ_WRITE, true, "START", "Bonjour", false, MANAGER_ACTOR);
  }

  @Test
  @DisplayName("an outside person's permissions as JSON; an unknown dossier: 404 problem+json")
  void permissions() throws Exception {
    when(delegation.permissions(5, 40))
        .thenReturn(new ExternalPermissions(true, true, false, false, false, true, false));
    when(delegation.permissions(6, 40))
        .thenThrow(DomainException.notFound(CommonErrors.DOSSIER_UNKNOWN, "no dossier 6"));

    mvc.perform(get("/api/dossiers/5/contacts/40/permissions").with(user(MANAGER)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.consult").value(true))
        .andExpect(jsonPath("$.uploadDocuments").value(false))
        .andExpect(jsonPath("$.inviteFamilyMembers").value(true))
        .andExpect(jsonPath("$.inviteAdvisors").value(false));
    mvc.perform(get("/api/dossiers/6/contacts/40/permissions").with(user(MANAGER)))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("DOSSIER_UNKNOWN"));
  }

  static NewAdvisor advisor() {
    return new NewAdvisor(
        "Nina",
        "Roche",
        "Roche Notaires",
        AdvisorType.NOTARY,
        "n@notaires.test",
        "01 23 45 67 89",
        "NOTAIRE");
  }

  static ContactView contact() {
    return new ContactView(
        40,
        "Nina",
        "Roche",
        "Roche Notaires",
        null,
        SubscriberType.ADVISOR,
        AdvisorType.NOTARY,
        "n@notaires.test",
        false,
        "01 23 45 67 89",
        new ContactView.Role("NOTAIRE", "Notaire"),
        false,
        null,
        ContactStatus.ACTIVE,
        null,
        Instant.parse("2026-12-01T10:00:00Z"));
  }

  static LinkView link() {
    return new LinkView(
        61,
        5,
        40,
        null,
        AccessLevel.READ_ONLY,
        false,
        null,
        false,
        Instant.parse("2026-12-01T10:00:00Z"),
        null);
  }
}
