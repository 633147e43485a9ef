package io.passerelle.onboarding.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import io.passerelle.catalog.CatalogErrors;
import io.passerelle.catalog.CatalogService;
import io.passerelle.domain.Actor;
import io.passerelle.domain.CommonErrors;
import io.passerelle.domain.DomainException;
import io.passerelle.dossier.DossierErrors;
import io.passerelle.dossier.web.PortfolioQuery;
import io.passerelle.onboarding.BulkInvitationService;
import io.passerelle.onboarding.BulkInvitationView;
import io.passerelle.onboarding.BulkItemView;
import io.passerelle.onboarding.BulkPreview;
import io.passerelle.onboarding.BulkRequest;
import io.passerelle.onboarding.OnboardingErrors;
import io.passerelle.onboarding.OnboardingStatus;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.staff.StaffRole;
import io.passerelle.staff.StaffService;
import io.passerelle.support.SliceViews;
import io.passerelle.support.WebSliceTest;
import io.passerelle.support.WebSlices;
import io.passerelle.web.pages.FormOnce;
import io.passerelle.web.pages.NameLookup;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The bulk invitation's pages (choose, preview, send, follow) in the web slice, the journey, the
 * portfolio and the double-submit memory mocked: the sign-in and CSRF, the filters and selection
 * handed to the journey by the signed-in member, the preview and the progress shown, the refusals
 * said on the choice page or as a readable page. Who is invited and left out, and the sending, are
 * tested with the whole application ({@code OnboardingJourneyTest}).
 */
@WebSliceTest
class BulkInvitationPagesControllerTest {

  static final StaffPrincipal MANAGER = WebSlices.member(7, "Claire", "Martin", StaffRole.MANAGER);
  static final Actor.Staff CLAIRE = new Actor.Staff(7, "claire.martin", false);
  static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

  @Autowired MockMvc mvc;
  @Autowired StaffService staff;
  @Autowired BulkInvitationService bulks;
  @Autowired PortfolioQuery portfolio;
  @Autowired CatalogService catalog;
  @Autowired NameLookup names;
  @Autowired FormOnce formOnce;

  @Test
  @DisplayName("signed out: the sign-in page for every step, nothing read nor sent")
  void signInFirst() throws Exception {
    mvc.perform(get("/invitations-groupees/nouvelle")).andExpect(WebSlices.signInPage());
    mvc.perform(get("/invitations-groupees/5")).andExpect(WebSlices.signInPage());
    mvc.perform(post("/invitations-groupees").param("dossier", "12").with(csrf()))
        .andExpect(WebSlices.signInPage());
    verifyNoInteractions(bulks, portfolio);
  }

  @Test
  @DisplayName("the choice page asks the portfolio with the member's filters and lists the offers")
  void choose() throws Exception {
    doReturn(Page.empty()).when(portfolio).find(any(), any());
    when(catalog.offers()).thenReturn(List.of(SliceViews.offer("START", "Offre Start", true)));

    String page =
        mvc.perform(
                get("/invitations-groupees/nouvelle")
                    .param("q", "boul")
                    .param("mes", "true")
                    .param("offre", " START ")
                    .with(WebSlices.onPages(staff, MANAGER)))
            .andExpect(status().isOk())
            .andExpect(view().name("pages/invitation-groupee"))
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(page).contains("Offre Start", "value=\"boul\"");
    verify(portfolio).find(eq(new PortfolioQuery.Filter("boul", null, 7L, "START", null)), any());
  }

  @Test
  @DisplayName("a preview of no dossier: back on the choice with 'Choisissez au moins un dossier'")
  void previewOfNothing() throws Exception {
    mvc.perform(
            post("/invitations-groupees/apercu")
                .param("offerCode", "START")
                .with(WebSlices.onPages(staff, MANAGER))
                .with(csrf()))
        .andExpect(redirectedUrl("/invitations-groupees/nouvelle"))
        .andExpect(flash().attribute("failure", "Choisissez au moins un dossier."));
    verifyNoInteractions(bulks);
  }

  @Test
  @DisplayName(
      "the preview of the chosen dossiers (each once): who is invited, who left out and why")
  void previewShown() throws Exception {
    when(bulks.preview(any(), any())).thenReturn(preview());

    String page =
        mvc.perform(
                post("/invitations-groupees/apercu")
                    .param("dossier", "12", "13", "12")
                    .param("offerCode", "START")
                    .param("customMessage", "Bonjour")
                    .with(WebSlices.onPages(staff, MANAGER))
                    .with(csrf()))
            .andExpect(status().isOk())
            .andExpect(view().name("pages/invitation-groupee-apercu"))
            .andExpect(model().attribute("dossierIds", List.of(12L, 13L)))
            .andExpect(model().attributeExists("requestId"))
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(page)
        .contains("1 interlocuteur(s) recevront un e-mail, 1 écarté(s), sur 2 dossier(s).")
        .contains("Jeanne Lefort", "data-outcome=\"SKIP\"", ": a déjà ce service");
    verify(bulks).preview(new BulkRequest(List.of(12L, 13L), null, "START", "Bonjour"), CLAIRE);
  }

  @Test
  @DisplayName(
      "'all that match': the portfolio's ids for the member's filters, at most the maximum")
  void previewAllMatching() throws Exception {
    when(portfolio.ids(any(), any(Integer.class))).thenReturn(List.of(21L, 22L));
    when(bulks.preview(any(), any())).thenReturn(preview());

    mvc.perform(
            post("/invitations-groupees/apercu")
                .param("tous", "true")
                .param("q", "boul")
                .param("filtreOffre", "")
                .param("dossier", "12")
                .param("offerCode", "START")
                .with(WebSlices.onPages(staff, MANAGER))
                .with(csrf()))
        .andExpect(status().isOk())
        .andExpect(model().attribute("dossierIds", List.of(21L, 22L)));
    verify(portfolio)
        .ids(
            new PortfolioQuery.Filter("boul", null, null, null, null),
            BulkInvitationService.MAX_DOSSIERS);
    verify(bulks).preview(new BulkRequest(List.of(21L, 22L), null, "START", null), CLAIRE);
  }

  @Test
  @DisplayName("a preview refused: said in French on the choice page; not allowed: the 403 page")
  void previewRefused() throws Exception {
    when(bulks.preview(any(), any()))
        .thenThrow(DomainException.rule(OnboardingErrors.NOBODY_TO_INVITE, "nobody"))
        .thenThrow(DomainException.forbidden(DossierErrors.DOSSIER_MANAGER_ONLY, "no"));

    var request =
        post("/invitations-groupees/apercu")
            .param("dossier", "12")
            .param("offerCode", "START")
            .with(WebSlices.onPages(staff, MANAGER))
            .with(csrf());
    mvc.perform(request)
        .andExpect(redirectedUrl("/invitations-groupees/nouvelle"))
        .andExpect(
            flash()
                .attribute("failure", "Les dossiers choisis n'ont aucun interlocuteur à inviter."));
    mvc.perform(request)
        .andExpect(
            WebSlices.errorPage(
                403,
                "DOSSIER_MANAGER_ONLY",
                "Seul le responsable du dossier ou l'administrateur du cabinet peut faire cela."));
  }

  @Test
  @DisplayName("sending without the form's CSRF token: refused, nothing started")
  void csrfRequired() throws Exception {
    mvc.perform(
            post("/invitations-groupees")
                .param("dossier", "12")
                .param("offerCode", "START")
                .with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(WebSlices.csrfRefused());
    verifyNoInteractions(bulks, formOnce);
  }

  @Test
  @DisplayName(
      "sending starts the bulk once per request id, by the member, then its follow-up page")
  void start() throws Exception {
    when(bulks.start(any(), any())).thenReturn(bulk(5, "RUNNING"));

    mvc.perform(send())
        .andExpect(redirectedUrl("/invitations-groupees/5"))
        .andExpect(flash().attributeCount(0));
    verify(formOnce).run(eq("bulk"), eq("req-9"), any());
    verify(bulks).start(new BulkRequest(List.of(12L, 13L), null, "START", "Bonjour"), CLAIRE);
  }

  @Test
  @DisplayName("an unknown offer when sending: back on the choice page, said in French")
  void startRefused() throws Exception {
    when(bulks.start(any(), any()))
        .thenThrow(DomainException.notFound(CatalogErrors.OFFER_NOT_FOUND, "no offer"));

    mvc.perform(send())
        .andExpect(redirectedUrl("/invitations-groupees/nouvelle"))
        .andExpect(
            flash().attribute("failure", "Cette offre n'existe pas dans le catalogue du cabinet."));
  }

  @Test
  @DisplayName("the follow-up: the progress and each line with its dossier's and contact's names")
  void followUp() throws Exception {
    when(bulks.get(5)).thenReturn(bulk(5, "COMPLETED"));
    when(bulks.items(eq(5L), any()))
        .thenReturn(
            new PageImpl<>(
                List.of(
                    new BulkItemView(1, 12, 5, "STARTED", null, 41L, OnboardingStatus.STARTING))));
    when(names.dossiers(List.of(12L))).thenReturn(Map.of(12L, "Boulangerie Lefort"));
    when(names.contacts(List.of(5L))).thenReturn(Map.of(5L, "Jeanne Lefort"));

    String page =
        mvc.perform(get("/invitations-groupees/5").with(WebSlices.onPages(staff, MANAGER)))
            .andExpect(status().isOk())
            .andExpect(view().name("pages/invitation-groupee-suivi"))
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(page)
        .contains("Boulangerie Lefort", "Jeanne Lefort", "href=\"/integrations/41\"")
        .contains("1 / 1 interlocuteur(s) traités", "Terminée");
    mvc.perform(get("/invitations-groupees/5/progression").with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(status().isOk())
        .andExpect(view().name("pages/invitation-groupee-suivi :: progress"));
  }

  @Test
  @DisplayName("an unknown bulk invitation: the readable 404 page")
  void unknownBulk() throws Exception {
    when(bulks.get(99))
        .thenThrow(DomainException.notFound(CommonErrors.BULK_INVITATION_NOT_FOUND, "none"));

    mvc.perform(get("/invitations-groupees/99").with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(
            WebSlices.errorPage(
                404, "BULK_INVITATION_NOT_FOUND", "Cette invitation groupée n'existe pas."));
  }

  private MockHttpServletRequestBuilder send() {
    return post("/invitations-groupees")
        .param("dossier", "12", "13")
        .param("offerCode", "START")
        .param("customMessage", "Bonjour")
        .param("requestId", "req-9")
        .with(WebSlices.onPages(staff, MANAGER))
        .with(csrf());
  }

  private static BulkPreview preview() {
    return new BulkPreview(
        "START",
        1,
        1,
        List.of(
            new BulkPreview.Candidate(
                12,
                "Boulangerie Lefort",
                5,
                "Jeanne Lefort",
                "jeanne@example.fr",
                false,
                BulkPreview.Outcome.INVITE,
                null),
            new BulkPreview.Candidate(
                13,
                "Garage Petit",
                6,
                "Paul Petit",
                "paul@example.fr",
                false,
                BulkPreview.Outcome.SKIP,
                BulkPreview.ALREADY_ONBOARDED)));
  }

  private static BulkInvitationView bulk(long id, String status) {
    return new BulkInvitationView(
        id, "START", null, 7, status, 1, Map.of("STARTED", 1L), 1, 0, AT, AT, null);
  }
}
