package io.passerelle.onboarding.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import io.passerelle.contact.AccessLevel;
import io.passerelle.contact.Language;
import io.passerelle.contact.NewContact;
import io.passerelle.contact.SubscriberType;
import io.passerelle.domain.Actor;
import io.passerelle.domain.CommonErrors;
import io.passerelle.domain.DomainException;
import io.passerelle.dossier.DossierErrors;
import io.passerelle.onboarding.OnboardingErrors;
import io.passerelle.onboarding.OnboardingService;
import io.passerelle.onboarding.ProposeCollaborativeService;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.staff.StaffRole;
import io.passerelle.staff.StaffService;
import io.passerelle.support.SliceViews;
import io.passerelle.support.WebSliceTest;
import io.passerelle.support.WebSlices;
import io.passerelle.web.pages.FormOnce;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The dossier page's "proposer un service collaboratif" form in the web slice, the journey and the
 * double-submit memory mocked: the sign-in and CSRF the form asks for, the form bound to the
 * journey's command by the signed-in member, where each answer lands (the onboarding, back on the
 * dossier's form with the refusal in French, or a readable 403/404 page) and a repeated post that
 * proposes nothing again. Who may propose and what a proposal does are tested with the whole
 * application ({@code OnboardingJourneyTest}, {@code web.pages.StaffPagesTest}).
 */
@WebSliceTest
class ProposalControllerTest {

  static final StaffPrincipal MANAGER = WebSlices.member(7, "Claire", "Martin", StaffRole.MANAGER);
  static final Actor.Staff CLAIRE = new Actor.Staff(7, "claire.martin", false);

  @Autowired MockMvc mvc;
  @Autowired StaffService staff;
  @Autowired OnboardingService onboardings;
  @Autowired FormOnce formOnce;

  @Test
  @DisplayName("signed out: the sign-in page; nothing proposed")
  void signInFirst() throws Exception {
    mvc.perform(form().with(csrf())).andExpect(WebSlices.signInPage());
    verifyNoInteractions(onboardings, formOnce);
  }

  @Test
  @DisplayName("without the form's CSRF token: the readable 403 page; nothing proposed")
  void csrfRequired() throws Exception {
    mvc.perform(form().with(WebSlices.onPages(staff, MANAGER))).andExpect(WebSlices.csrfRefused());
    verifyNoInteractions(onboardings, formOnce);
  }

  @Test
  @DisplayName(
      "a new contact's form becomes the journey's command by the member, once per request id;"
          + " then the onboarding's page with 'l'invitation part'")
  void proposes() throws Exception {
    when(onboardings.propose(any(), any())).thenReturn(SliceViews.onboarding(41, null, true, null));

    mvc.perform(form().with(WebSlices.onPages(staff, MANAGER)).with(csrf()))
        .andExpect(redirectedUrl("/integrations/41"))
        .andExpect(flash().attribute("success", "Le service est proposé : l'invitation part."));
    verify(formOnce).run(eq("proposal"), eq("req-1"), any());
    verify(onboardings)
        .propose(
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
                    Language.fr),
                "Paie",
                AccessLevel.READ_ONLY,
                false,
                "START",
                "Bonjour",
                true),
            CLAIRE);
  }

  @Test
  @DisplayName(
      "an existing contact, sent later: its id alone, and 'l'invitation attend votre envoi'")
  void existingContactLater() throws Exception {
    when(onboardings.propose(any(), any()))
        .thenReturn(SliceViews.onboarding(42, null, false, null));

    mvc.perform(
            post("/dossiers/12/proposer")
                .param("who", "existant")
                .param("contactId", "5")
                .param("firstName", "ignored")
                .param("accessLevel", "READ_WRITE")
                .param("offerCode", "START")
                .param("sendNow", "false")
                .with(WebSlices.onPages(staff, MANAGER))
                .with(csrf()))
        .andExpect(redirectedUrl("/integrations/42"))
        .andExpect(
            flash()
                .attribute("success", "Le service est proposé : l'invitation attend votre envoi."));
    verify(onboardings)
        .propose(
            new ProposeCollaborativeService(
                12, 5L, null, null, AccessLevel.READ_WRITE, false, "START", null, false),
            CLAIRE);
  }

  @Test
  @DisplayName("the same form posted again: the first onboarding's page, nothing proposed twice")
  void postedTwice() throws Exception {
    // the slice's guard runs every creation: a repeat is stubbed without calling it
    doReturn(41L).when(formOnce).run(eq("proposal"), eq("req-1"), any());

    mvc.perform(form().with(WebSlices.onPages(staff, MANAGER)).with(csrf()))
        .andExpect(redirectedUrl("/integrations/41"))
        .andExpect(flash().attributeCount(0));
    verifyNoInteractions(onboardings);
  }

  @Test
  @DisplayName(
      "a refusal to correct: back on the dossier's form, kept, with the refusal and its fields in"
          + " French")
  void refusalToCorrect() throws Exception {
    when(onboardings.propose(any(), any()))
        .thenThrow(DomainException.invalid(CommonErrors.INVALID_EMAIL, "email", "not an address"));

    mvc.perform(form().with(WebSlices.onPages(staff, MANAGER)).with(csrf()))
        .andExpect(redirectedUrl("/dossiers/12#proposer"))
        .andExpect(
            flash()
                .attribute(
                    "failure",
                    "Cette adresse e-mail n'est pas valide. E-mail : Cette adresse e-mail n'est"
                        + " pas valide."))
        .andExpect(flash().attributeExists("proposal"));
  }

  @Test
  @DisplayName("an onboarding already running: said on the dossier's page in French")
  void conflictSaid() throws Exception {
    when(onboardings.propose(any(), any()))
        .thenThrow(
            DomainException.conflict(OnboardingErrors.ONBOARDING_ALREADY_RUNNING, "running"));

    mvc.perform(form().with(WebSlices.onPages(staff, MANAGER)).with(csrf()))
        .andExpect(redirectedUrl("/dossiers/12#proposer"))
        .andExpect(
            flash()
                .attribute(
                    "failure",
                    "Une intégration à cette offre est déjà en cours pour cet interlocuteur sur"
                        + " ce dossier : renvoyez ou annulez son invitation."));
  }

  @Test
  @DisplayName("not the dossier's manager: the readable 403 page DOSSIER_MANAGER_ONLY")
  void forbidden() throws Exception {
    when(onboardings.propose(any(), any()))
        .thenThrow(DomainException.forbidden(DossierErrors.DOSSIER_MANAGER_ONLY, "manager only"));

    mvc.perform(form().with(WebSlices.onPages(staff, MANAGER)).with(csrf()))
        .andExpect(
            WebSlices.errorPage(
                403,
                "DOSSIER_MANAGER_ONLY",
                "Seul le responsable du dossier ou l'administrateur du cabinet peut faire cela."));
  }

  @Test
  @DisplayName("an unknown dossier: the readable 404 page DOSSIER_UNKNOWN")
  void unknownDossier() throws Exception {
    when(onboardings.propose(any(), any()))
        .thenThrow(DomainException.notFound(CommonErrors.DOSSIER_UNKNOWN, "no dossier"));

    mvc.perform(form().with(WebSlices.onPages(staff, MANAGER)).with(csrf()))
        .andExpect(WebSlices.errorPage(404, "DOSSIER_UNKNOWN", "Ce dossier n'existe pas."));
  }

  private static MockHttpServletRequestBuilder form() {
    return post("/dossiers/12/proposer")
        .param("who", "nouveau")
        .param("firstName", "Jeanne")
        .param("lastName", "Lefort")
        .param("subscriberType", "CLIENT")
        .param("email", "jeanne@example.fr")
        .param("roleCode", "DIRIGEANT")
        .param("language", "fr")
        .param("limitedTo", "  Paie ")
        .param("accessLevel", "READ_ONLY")
        .param("offerCode", "START")
        .param("customMessage", "Bonjour")
        .param("sendNow", "true")
        .param("requestId", "req-1");
  }
}
