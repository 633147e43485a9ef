package io.passerelle.onboarding.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import io.passerelle.account.InvitationService;
import io.passerelle.account.InvitationStatus;
import io.passerelle.account.InvitationView;
import io.passerelle.domain.Actor;
import io.passerelle.domain.CommonErrors;
import io.passerelle.domain.DomainException;
import io.passerelle.dossier.DossierErrors;
import io.passerelle.onboarding.OnboardingErrors;
import io.passerelle.onboarding.OnboardingService;
import io.passerelle.staff.ScopedResources;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.staff.StaffRole;
import io.passerelle.staff.StaffService;
import io.passerelle.support.WebSliceTest;
import io.passerelle.support.WebSlices;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Send now, resend and cancel an onboarding's invitation (one, or the pending list's selection) in
 * the web slice, the journey mocked: the sign-in and CSRF, which journey action each button is by
 * the signed-in member, where the person lands back ({@code back} only when it is one of our
 * paths), the sentences said, a selection's lines acted on once each with their refusals counted,
 * and a refusal that is a page of its own. What each action does to the invitation and the engine
 * is tested with the whole application ({@code OnboardingJourneyTest}, {@code
 * web.pages.StaffPagesTest}).
 */
@WebSliceTest
class OnboardingActionsTest {

  static final StaffPrincipal MANAGER = WebSlices.member(7, "Claire", "Martin", StaffRole.MANAGER);
  static final Actor.Staff CLAIRE = new Actor.Staff(7, "claire.martin", false);

  @Autowired MockMvc mvc;
  @Autowired StaffService staff;
  @Autowired OnboardingService onboardings;
  @Autowired InvitationService invitations;
  @Autowired ScopedResources scoped;

  @Test
  @DisplayName("signed out: the sign-in page; nothing sent")
  void signInFirst() throws Exception {
    mvc.perform(post("/integrations/41/envoyer").with(csrf())).andExpect(WebSlices.signInPage());
    mvc.perform(post("/activations-en-attente/actions").param("invitation", "3").with(csrf()))
        .andExpect(WebSlices.signInPage());
    verifyNoInteractions(onboardings, invitations);
  }

  @Test
  @DisplayName("without the form's CSRF token: the readable 403 page; nothing sent")
  void csrfRequired() throws Exception {
    mvc.perform(post("/integrations/41/annuler").with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(WebSlices.csrfRefused());
    verifyNoInteractions(onboardings);
  }

  @Test
  @DisplayName("'envoyer' sends the invitation now, by the member, back on the onboarding's page")
  void sendNow() throws Exception {
    mvc.perform(
            post("/integrations/41/envoyer").with(WebSlices.onPages(staff, MANAGER)).with(csrf()))
        .andExpect(redirectedUrl("/integrations/41"))
        .andExpect(flash().attribute("success", "L'invitation est envoyée."));
    verify(onboardings).sendNow(41, CLAIRE);
  }

  @Test
  @DisplayName(
      "'renvoyer' a Microsoft guest's invitation goes back to the page given; a 'back' outside"
          + " our paths is ignored")
  void resendBack() throws Exception {
    mvc.perform(
            post("/integrations/41/renvoyer")
                .param("back", "/dossiers/12")
                .param("invitation", "microsoft")
                .with(WebSlices.onPages(staff, MANAGER))
                .with(csrf()))
        .andExpect(redirectedUrl("/dossiers/12"))
        .andExpect(
            flash()
                .attribute(
                    "success",
                    "L'invitation Microsoft est renvoyée (si elle est partie il y a plus d'une"
                        + " minute)."));
    mvc.perform(
            post("/integrations/41/renvoyer")
                .param("back", "https://evil.example/x")
                .with(WebSlices.onPages(staff, MANAGER))
                .with(csrf()))
        .andExpect(redirectedUrl("/integrations/41"))
        .andExpect(
            flash()
                .attribute(
                    "success",
                    "L'invitation est renvoyée : un nouveau lien part, l'ancien ne fonctionne"
                        + " plus."));
    verify(onboardings, times(2)).resend(41, CLAIRE);
  }

  @Test
  @DisplayName("'annuler' refused by a rule: said in French on the page, no success")
  void cancelRefused() throws Exception {
    doThrow(DomainException.rule(OnboardingErrors.INVITATION_NOT_PENDING, "nothing pending"))
        .when(onboardings)
        .cancel(41, CLAIRE);

    mvc.perform(
            post("/integrations/41/annuler").with(WebSlices.onPages(staff, MANAGER)).with(csrf()))
        .andExpect(redirectedUrl("/integrations/41"))
        .andExpect(flash().attribute("failure", "Il n'y a pas d'invitation en attente à renvoyer."))
        .andExpect(flash().attributeCount(1));
  }

  @Test
  @DisplayName("not allowed, or an unknown onboarding: the readable 403 and 404 pages")
  void forbiddenAndUnknown() throws Exception {
    doThrow(DomainException.forbidden(DossierErrors.DOSSIER_MANAGER_ONLY, "manager only"))
        .when(onboardings)
        .cancel(41, CLAIRE);
    doThrow(DomainException.notFound(CommonErrors.ONBOARDING_NOT_FOUND, "none"))
        .when(onboardings)
        .sendNow(99, CLAIRE);

    mvc.perform(
            post("/integrations/41/annuler").with(WebSlices.onPages(staff, MANAGER)).with(csrf()))
        .andExpect(
            WebSlices.errorPage(
                403,
                "DOSSIER_MANAGER_ONLY",
                "Seul le responsable du dossier ou l'administrateur du cabinet peut faire cela."));
    mvc.perform(
            post("/integrations/99/envoyer").with(WebSlices.onPages(staff, MANAGER)).with(csrf()))
        .andExpect(
            WebSlices.errorPage(404, "ONBOARDING_NOT_FOUND", "Cette intégration n'existe pas."));
  }

  @Test
  @DisplayName("a selection of nobody: 'Sélectionnez au moins une personne', nothing asked")
  void nothingSelected() throws Exception {
    mvc.perform(
            post("/activations-en-attente/actions")
                .param("action", "renvoyer")
                .with(WebSlices.onPages(staff, MANAGER))
                .with(csrf()))
        .andExpect(redirectedUrl("/activations-en-attente"))
        .andExpect(flash().attribute("failure", "Sélectionnez au moins une personne."));
    verifyNoInteractions(onboardings, invitations, scoped);
  }

  @Test
  @DisplayName(
      "a selection resent: each onboarding once however it is named, the invitation without"
          + " onboarding refused by its address")
  void selectionResent() throws Exception {
    when(invitations.get(3)).thenReturn(invitation(3, 41L, "a@example.fr"));
    when(invitations.get(4)).thenReturn(invitation(4, null, "b@example.fr"));

    mvc.perform(
            post("/activations-en-attente/actions")
                .param("invitation", "3", "3", "4")
                .param("onboarding", "41")
                .param("action", "renvoyer")
                .with(WebSlices.onPages(staff, MANAGER))
                .with(csrf()))
        .andExpect(redirectedUrl("/activations-en-attente"))
        .andExpect(flash().attribute("success", "2 invitation(s) renvoyée(s)."))
        .andExpect(
            flash()
                .attribute("failure", "1 refusée(s) : b@example.fr : invitation sans intégration"));
    verify(scoped).requireVisible(ScopedResources.Kind.INVITATION, 3);
    verify(scoped).requireVisible(ScopedResources.Kind.ONBOARDING, 41);
    verify(onboardings, times(1)).resend(anyLong(), any());
    verify(onboardings).resend(41, CLAIRE);
  }

  @Test
  @DisplayName(
      "a selection cancelled: a line outside the member's dossiers is refused as unknown, the"
          + " others cancelled")
  void selectionCancelled() throws Exception {
    doThrow(ScopedResources.Kind.INVITATION.notFound(9))
        .when(scoped)
        .requireVisible(ScopedResources.Kind.INVITATION, 9);

    mvc.perform(
            post("/activations-en-attente/actions")
                .param("invitation", "9")
                .param("onboarding", "50")
                .param("action", "annuler")
                .with(WebSlices.onPages(staff, MANAGER))
                .with(csrf()))
        .andExpect(redirectedUrl("/activations-en-attente"))
        .andExpect(flash().attribute("success", "1 invitation(s) annulée(s)."))
        .andExpect(flash().attribute("failure", "1 refusée(s) : Cette invitation n'existe pas."));
    verify(onboardings).cancel(50, CLAIRE);
    verifyNoInteractions(invitations);
  }

  private static InvitationView invitation(long id, Long onboardingId, String email) {
    return new InvitationView(
        id,
        20,
        12L,
        null,
        onboardingId,
        email,
        InvitationStatus.SENT,
        null,
        new InvitationView.InvitedBy("STAFF", 7L, null),
        null,
        0,
        null,
        false,
        Instant.parse("2026-12-01T10:00:00Z"),
        null,
        null,
        null,
        null,
        null,
        null);
  }
}
