package io.passerelle.reporting.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import io.passerelle.catalog.CatalogService;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.domain.Actor;
import io.passerelle.domain.CommonErrors;
import io.passerelle.domain.DomainException;
import io.passerelle.dossier.DossierService;
import io.passerelle.dossier.DossierView;
import io.passerelle.dossiersetup.DocumentTreeView;
import io.passerelle.dossiersetup.DossierSetupService;
import io.passerelle.dossiersetup.DossierSetupView;
import io.passerelle.onboarding.OnboardingFilter;
import io.passerelle.onboarding.OnboardingService;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.staff.StaffRole;
import io.passerelle.staff.StaffService;
import io.passerelle.support.SliceViews;
import io.passerelle.support.WebSliceTest;
import io.passerelle.support.WebSlices;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A dossier's page in the web slice, its services and read models mocked: the sign-in, what it
 * shows (the dossier, its offers, its set-up, the actions its manager alone sees), the onboardings
 * it asks for, an unknown dossier as the readable 404, the offer's and the GED's actions (CSRF, by
 * the member signed in, refusals as a flash). The dossier's rules are tested with the whole
 * application ({@code web.pages.StaffPagesTest}, {@code DossierSetupPagesTest}, {@code
 * DossierAccessApiTest}).
 */
@WebSliceTest
class DossierPageControllerTest {

  static final StaffPrincipal MANAGER = WebSlices.member(9, "Claire", "Martin", StaffRole.MANAGER);
  static final StaffPrincipal STAFF = WebSlices.member(12, "Paul", "Petit", StaffRole.STAFF);
  static final Actor.Staff CLAIRE = new Actor.Staff(9, "claire.martin", false);

  @Autowired MockMvc mvc;
  @Autowired StaffService staff;
  @Autowired DossierService dossiers;
  @Autowired CatalogService catalog;
  @Autowired OnboardingService onboardings;
  @Autowired DossierSetupService setup;
  @Autowired DossierLinkService links;

  @BeforeEach
  void stubDossier() {
    when(dossiers.get(41)).thenReturn(dossier());
    when(catalog.offers()).thenReturn(List.of(SliceViews.offer("START", "Start", true)));
    when(onboardings.list(any(), any())).thenReturn(new PageImpl<>(List.of()));
    when(setup.forDossier(41))
        .thenReturn(
            new DossierSetupView(
                41,
                new DocumentTreeView(
                    "TPE",
                    "Arborescence simplifiée",
                    List.of("Banque"),
                    Instant.parse("2026-11-30T10:00:00Z")),
                List.of()));
  }

  @Test
  @DisplayName("signed out: the sign-in page, nothing read")
  void signInFirst() throws Exception {
    mvc.perform(get("/dossiers/41")).andExpect(WebSlices.signInPage());
    verifyNoInteractions(onboardings, setup);
  }

  @Test
  @DisplayName(
      "the dossier's manager sees it with its offers, its tree and the advisor's form; its"
          + " onboardings asked newest first")
  void managerSeesIt() throws Exception {
    String page =
        mvc.perform(get("/dossiers/41").with(WebSlices.onPages(staff, MANAGER)))
            .andExpect(status().isOk())
            .andExpect(view().name("pages/dossier"))
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(page)
        .contains("Menuiserie Dupont", "Start", "Arborescence simplifiée")
        .contains("id=\"ajouter-conseiller\"", "id=\"proposer\"");
    verify(onboardings)
        .list(
            new OnboardingFilter(41L, null, null, null, null),
            PageRequest.of(0, 50, Sort.by(Sort.Direction.DESC, "createdAt")));
  }

  @Test
  @DisplayName("assigned staff who are not its manager: no external access's forms")
  void staffSeesNoAccessForms() throws Exception {
    String page =
        mvc.perform(get("/dossiers/41").with(WebSlices.onPages(staff, STAFF)))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(page)
        .contains("Menuiserie Dupont")
        .doesNotContain("id=\"ajouter-conseiller\"", "id=\"proposer\"");
  }

  @Test
  @DisplayName("an unknown dossier: the readable 404 page")
  void unknownDossier() throws Exception {
    when(dossiers.get(42))
        .thenThrow(DomainException.notFound(CommonErrors.DOSSIER_UNKNOWN, "No dossier."));
    mvc.perform(get("/dossiers/42").with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(WebSlices.errorPage(404, "DOSSIER_UNKNOWN", "Ce dossier n'existe pas."));
  }

  @Test
  @DisplayName(
      "an offer activated by the member signed in (CSRF first); already active: said in a flash")
  void activateOffer() throws Exception {
    mvc.perform(post("/dossiers/41/offres/START/activer").with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(status().isForbidden());
    verifyNoInteractions(dossiers);

    mvc.perform(
            post("/dossiers/41/offres/START/activer")
                .with(csrf())
                .with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(redirectedUrl("/dossiers/41"))
        .andExpect(flash().attribute("success", "L'offre est active sur le dossier."));
    verify(dossiers).activateOffer(41, "START", CLAIRE);

    doThrow(DomainException.conflict(CommonErrors.OFFER_ALREADY_ACTIVE, "Active already."))
        .when(dossiers)
        .activateOffer(41, "START", CLAIRE);
    mvc.perform(
            post("/dossiers/41/offres/START/activer")
                .with(csrf())
                .with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(redirectedUrl("/dossiers/41"))
        .andExpect(flash().attributeExists("failure"));
  }

  @Test
  @DisplayName("the widget turned on unless said otherwise, and off when asked")
  void widget() throws Exception {
    mvc.perform(
            post("/dossiers/41/offres/START/widget")
                .with(csrf())
                .with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(flash().attribute("success", "Le widget de l'offre est activé."));
    verify(dossiers).setWidget(41, "START", true, CLAIRE);

    mvc.perform(
            post("/dossiers/41/offres/START/widget")
                .param("enabled", "false")
                .with(csrf())
                .with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(redirectedUrl("/dossiers/41"))
        .andExpect(flash().attribute("success", "Le widget de l'offre est désactivé."));
    verify(dossiers).setWidget(41, "START", false, CLAIRE);
  }

  @Test
  @DisplayName("the GED revoked on that access; an access flag that is no boolean: a 400")
  void ged() throws Exception {
    mvc.perform(
            post("/dossiers/41/acces/5/ged")
                .param("access", "false")
                .with(csrf())
                .with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(redirectedUrl("/dossiers/41"))
        .andExpect(flash().attribute("success", "L'accès à la GED est révoqué."));
    verify(links).revokeGed(41, 5, CLAIRE);

    mvc.perform(
            post("/dossiers/41/acces/5/ged")
                .param("access", "peut-être")
                .with(csrf())
                .with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(status().isBadRequest());
    verify(links, never()).restoreGed(41, 5, CLAIRE);
  }

  static DossierView dossier() {
    return new DossierView(
        41,
        "Menuiserie Dupont",
        "73282932000074",
        "SARL",
        new DossierView.Address("3 rue Neuve", null, "69001", "Lyon", "FR"),
        "16.23Z",
        new DossierView.StaffRef(9, "claire.martin", "Claire Martin"),
        List.of(new DossierView.StaffRef(12, "paul.petit", "Paul Petit")),
        List.of(),
        List.of(),
        Instant.parse("2026-11-01T10:00:00Z"));
  }
}
