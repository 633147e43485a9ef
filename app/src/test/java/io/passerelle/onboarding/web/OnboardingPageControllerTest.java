package io.passerelle.onboarding.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import io.passerelle.account.InvitationService;
import io.passerelle.account.InvitationStatus;
import io.passerelle.account.InvitationView;
import io.passerelle.activity.ActivityFilter;
import io.passerelle.activity.ActivityService;
import io.passerelle.activity.ActivityType;
import io.passerelle.activity.ActivityView;
import io.passerelle.domain.CommonErrors;
import io.passerelle.domain.DomainException;
import io.passerelle.engine.InstanceState;
import io.passerelle.engine.InstanceTrail;
import io.passerelle.engine.ProcessEngine;
import io.passerelle.engine.UnknownInstanceException;
import io.passerelle.onboarding.OnboardingService;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.staff.StaffRole;
import io.passerelle.staff.StaffService;
import io.passerelle.support.SliceViews;
import io.passerelle.support.WebSliceTest;
import io.passerelle.support.WebSlices;
import io.passerelle.web.pages.NameLookup;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.test.web.servlet.MockMvc;

/**
 * One onboarding's page in the web slice, the journey, the invitations, the activity feed and the
 * engine mocked: the sign-in, what the page shows (the proposal, its invitations, its instance with
 * the current step and the incident, the timeline of what concerns it alone), an instance the
 * engine forgot, an unknown onboarding as the readable 404 page. The page on a running application
 * is tested with the whole application ({@code web.pages.StaffPagesTest}).
 */
@WebSliceTest
class OnboardingPageControllerTest {

  static final StaffPrincipal MANAGER = WebSlices.member(7, "Claire", "Martin", StaffRole.MANAGER);
  static final Instant CREATED = SliceViews.PROPOSED;

  @Autowired MockMvc mvc;
  @Autowired StaffService staff;
  @Autowired OnboardingService onboardings;
  @Autowired InvitationService invitations;
  @Autowired ActivityService activity;
  @Autowired ProcessEngine engine;
  @Autowired NameLookup names;

  @Test
  @DisplayName("signed out: the sign-in page, nothing read")
  void signInFirst() throws Exception {
    mvc.perform(get("/integrations/41")).andExpect(WebSlices.signInPage());
    verifyNoInteractions(onboardings, invitations, activity);
  }

  @Test
  @DisplayName(
      "the proposal, its invitation, its instance's step and incident, and its own timeline only")
  void page() throws Exception {
    when(onboardings.get(41)).thenReturn(SliceViews.onboarding(41, 5L, true, 900L));
    when(names.dossiers(List.of(12L))).thenReturn(Map.of(12L, "Boulangerie Lefort"));
    when(names.contacts(List.of(5L))).thenReturn(Map.of(5L, "Jeanne Lefort"));
    when(invitations.forOnboarding(41)).thenReturn(List.of(invitation()));
    instance(900L);
    when(activity.list(any(), any()))
        .thenReturn(
            new PageImpl<>(
                List.of(
                    entry(1, ActivityType.INVITATION_SENT, 5L, Map.of()),
                    entry(2, ActivityType.INVITATION_SENT, 6L, Map.of()),
                    entry(3, ActivityType.OFFER_ACTIVATED, null, Map.of("offerCode", "START")))));

    String page =
        mvc.perform(get("/integrations/41").with(WebSlices.onPages(staff, MANAGER)))
            .andExpect(status().isOk())
            .andExpect(view().name("pages/integration"))
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(page)
        .contains(
            "Boulangerie Lefort", "Jeanne Lefort", "jeanne@example.fr", "data-invitation=\"3\"")
        .contains("data-instance=\"900\"", "Attendre l&#39;activation", "Le serveur ne répond pas")
        .contains("id=\"resend\"", "id=\"cancel\"")
        .doesNotContain("id=\"send-now\"", "n&#39;a pas (ou plus) cette instance");
    assertThat(page.split("data-type=\"INVITATION_SENT\"", -1)).hasSize(2);
    assertThat(page).contains("data-type=\"OFFER_ACTIVATED\"");
    var filter = ArgumentCaptor.forClass(ActivityFilter.class);
    var pageable = ArgumentCaptor.forClass(Pageable.class);
    verify(activity).list(filter.capture(), pageable.capture());
    assertThat(filter.getValue())
        .isEqualTo(new ActivityFilter(12L, null, null, CREATED.minusSeconds(1), null));
    assertThat(pageable.getValue().getPageSize()).isEqualTo(500);
  }

  @Test
  @DisplayName("an instance the engine no longer knows: the page still shows, saying so")
  void instanceForgotten() throws Exception {
    when(onboardings.get(41)).thenReturn(SliceViews.onboarding(41, 5L, true, 900L));
    when(engine.instanceState(900L)).thenThrow(new UnknownInstanceException("gone"));
    when(activity.list(any(), any())).thenReturn(new PageImpl<>(List.of()));

    mvc.perform(get("/integrations/41").with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(status().isOk())
        .andExpect(
            content()
                .string(
                    containsString("Le moteur de processus n'a pas (ou plus) cette instance.")));
  }

  @Test
  @DisplayName("an unknown onboarding (or one outside the member's dossiers): the readable 404")
  void unknown() throws Exception {
    when(onboardings.get(99))
        .thenThrow(DomainException.notFound(CommonErrors.ONBOARDING_NOT_FOUND, "none"));

    mvc.perform(get("/integrations/99").with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(
            WebSlices.errorPage(404, "ONBOARDING_NOT_FOUND", "Cette intégration n'existe pas."));
    verifyNoInteractions(activity);
  }

  private void instance(long key) {
    when(engine.instanceState(key))
        .thenReturn(
            new InstanceState(
                key,
                "Process_Onboarding",
                InstanceState.Status.ACTIVE,
                List.of(
                    new InstanceState.ActiveStep(1, "Wait_Activation", "RECEIVE_TASK", CREATED)),
                List.of(
                    new InstanceState.Incident(
                        77,
                        "Send_Mail",
                        78,
                        "JOB_NO_RETRIES",
                        "Le serveur ne répond pas",
                        CREATED))));
    when(engine.instanceTrail(key))
        .thenReturn(new InstanceTrail(key, 500, "Process_Onboarding", Set.of(), List.of()));
    when(engine.elementName(500, "Wait_Activation")).thenReturn("Attendre l'activation");
  }

  private static InvitationView invitation() {
    return new InvitationView(
        3,
        20,
        12L,
        null,
        41L,
        "jeanne@example.fr",
        InvitationStatus.SENT,
        null,
        new InvitationView.InvitedBy("STAFF", 7L, null),
        null,
        0,
        null,
        false,
        CREATED,
        CREATED,
        CREATED.plusSeconds(86_400 * 14),
        null,
        null,
        null,
        null);
  }

  private static ActivityView entry(
      long id, ActivityType type, Long contactId, Map<String, Object> details) {
    return new ActivityView(
        id,
        CREATED.plusSeconds(id),
        type,
        new ActivityView.Who("SYSTEM", null, null),
        12L,
        contactId,
        details);
  }
}
