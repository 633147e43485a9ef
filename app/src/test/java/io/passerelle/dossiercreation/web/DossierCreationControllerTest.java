package io.passerelle.dossiercreation.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasProperty;
import static org.hamcrest.Matchers.nullValue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import io.passerelle.catalog.CatalogService;
import io.passerelle.domain.Actor;
import io.passerelle.domain.CommonErrors;
import io.passerelle.domain.DomainException;
import io.passerelle.dossiercreation.CompanyDetails;
import io.passerelle.dossiercreation.CompanyFields;
import io.passerelle.dossiercreation.DossierCreationErrors;
import io.passerelle.dossiercreation.DossierRequestService;
import io.passerelle.dossiercreation.DossierRequestStatus;
import io.passerelle.dossiercreation.DossierRequestView;
import io.passerelle.dossiercreation.NewDossierRequest;
import io.passerelle.dossiersetup.DossierSetupProperties.DocumentTreeTemplate;
import io.passerelle.dossiersetup.DossierSetupService;
import io.passerelle.registry.CompanyInfo;
import io.passerelle.registry.CompanyLookup;
import io.passerelle.registry.CompanyRegistryClient;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.staff.StaffRole;
import io.passerelle.staff.StaffService;
import io.passerelle.support.SliceViews;
import io.passerelle.support.WebSliceTest;
import io.passerelle.support.WebSlices;
import io.passerelle.web.pages.FormOnce;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageImpl;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * "Nouveau dossier" in the web slice, the dossier request and set-up services, the registry and the
 * firm's SIRETs mocked (the form's errors and the SIRET lookup are the real ones): who may open it,
 * what the form offers, the lookup (htmx fragment or whole page), the fiscal year's proposed end,
 * the page's own refusals, CSRF, what reaches the service and where it leads, the service's
 * refusals shown on the form or as the error page. The request's process and the firm's rules are
 * tested with the whole application ({@code DossierCreationPagesTest}, {@code
 * DossierCreationJourneyTest}).
 */
@WebSliceTest
class DossierCreationControllerTest {

  static final StaffPrincipal MANAGER = WebSlices.member(9, "Claire", "Martin", StaffRole.MANAGER);
  static final StaffPrincipal STAFF = WebSlices.member(12, "Paul", "Petit", StaffRole.STAFF);
  static final String SIRET = "73282932000074";

  @Autowired MockMvc mvc;
  @Autowired StaffService staff;
  @Autowired CatalogService catalog;
  @Autowired DossierSetupService setup;
  @Autowired DossierRequestService requests;
  @Autowired CompanyRegistryClient registry;
  @Autowired DossierRequestQueries queries;
  @Autowired FormOnce formOnce;

  @BeforeEach
  void catalogues() {
    when(staff.list(any(), any(), any()))
        .thenReturn(new PageImpl<>(List.of(MANAGER.staff(), STAFF.staff())));
    when(catalog.offers())
        .thenReturn(
            List.of(
                SliceViews.offer("START", "Start", true),
                SliceViews.offer("OLD", "Ancienne", false)));
    when(setup.documentTrees())
        .thenReturn(
            List.of(
                new DocumentTreeTemplate("CABINET", "Arborescence du cabinet", null, List.of()),
                new DocumentTreeTemplate("TPE", "Arborescence simplifiée", null, List.of())));
  }

  @Test
  @DisplayName("signed out: the sign-in page, nothing read")
  void signInFirst() throws Exception {
    mvc.perform(get("/dossiers/nouveau")).andExpect(WebSlices.signInPage());
    verifyNoInteractions(requests, setup);
  }

  @Test
  @DisplayName("a staff member who is no manager gets the readable 403 page, not the form")
  void managersOnly() throws Exception {
    mvc.perform(get("/dossiers/nouveau").with(WebSlices.onPages(staff, STAFF)))
        .andExpect(
            WebSlices.errorPage(
                403,
                "DOSSIER_CREATION_MANAGER_ONLY",
                "Seuls les responsables de dossiers et l'administrateur du cabinet créent ou"
                    + " importent des dossiers."));
  }

  @Test
  @DisplayName(
      "the form: the manager proposed as the dossier's, the trees, the team, the active offers only")
  void form() throws Exception {
    String page =
        mvc.perform(get("/dossiers/nouveau").with(WebSlices.onPages(staff, MANAGER)))
            .andExpect(status().isOk())
            .andExpect(view().name("pages/dossier-nouveau"))
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(page)
        .contains("Nouveau dossier client", "Arborescence du cabinet", "Arborescence simplifiée")
        .contains("<option value=\"9\" selected=\"selected\">Claire Martin</option>")
        .contains("Paul Petit", ">Start</option>")
        .doesNotContain("Ancienne");
  }

  @Test
  @DisplayName(
      "the SIRET lookup with htmx: only the company's part, prefilled from the registry as text")
  void lookupWithHtmx() throws Exception {
    when(registry.lookup(SIRET))
        .thenReturn(new CompanyLookup.Found(company("MENUISERIE <b>DUPONT</b>")));

    String fragment =
        mvc.perform(
                post("/dossiers/nouveau/siret")
                    .param("siret", "732 829 320 00074")
                    .header("HX-Request", "true")
                    .with(csrf())
                    .with(WebSlices.onPages(staff, MANAGER)))
            .andExpect(status().isOk())
            .andExpect(view().name("pages/dossier-nouveau :: lookup-response"))
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(fragment)
        .doesNotContain("<html", "<b>DUPONT")
        .contains("data-outcome=\"FOUND\"", "value=\"MENUISERIE &lt;b&gt;DUPONT&lt;/b&gt;\"")
        .contains("id=\"siret-lookup\" hx-swap-oob=\"innerHTML\"");
    verify(registry).lookup(SIRET);
  }

  @Test
  @DisplayName(
      "the SIRET lookup without JavaScript: the whole page with what was typed; a SIRET the firm"
          + " has already links its dossier, the registry not asked")
  void lookupWithoutJavaScript() throws Exception {
    when(queries.dossierWithSiret(SIRET))
        .thenReturn(Optional.of(new DossierRequestQueries.Ref(41, "Menuiserie Dupont")));

    String page =
        mvc.perform(
                post("/dossiers/nouveau/siret")
                    .param("siret", SIRET)
                    .param("directorLastName", "Gardé")
                    .with(csrf())
                    .with(WebSlices.onPages(staff, MANAGER)))
            .andExpect(status().isOk())
            .andExpect(view().name("pages/dossier-nouveau"))
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(page)
        .contains("<html", "value=\"Gardé\"", "data-outcome=\"ALREADY_USED\"")
        .contains("href=\"/dossiers/41\"");
    verifyNoInteractions(registry);
  }

  @Test
  @DisplayName("the fiscal year's end is proposed 12 months after its start; unreadable: empty")
  void proposedEnd() throws Exception {
    mvc.perform(
            get("/dossiers/nouveau/fin-exercice")
                .param("fiscalYearStart", "2026-03-01")
                .with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(status().isOk())
        .andExpect(view().name("pages/dossier-nouveau :: fiscal-year-end"))
        .andExpect(content().string(containsString("value=\"2027-02-28\"")));
    mvc.perform(
            get("/dossiers/nouveau/fin-exercice")
                .param("fiscalYearStart", "mars")
                .with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(status().isOk())
        .andExpect(model().attribute("form", hasProperty("fiscalYearEnd", nullValue())));
  }

  @Test
  @DisplayName(
      "the form without its fiscal year's start or with a date unreadable: 400, the form again"
          + " with its summary; nothing asked")
  void pageRefusals() throws Exception {
    String page =
        mvc.perform(
                post("/dossiers/nouveau")
                    .param("requestId", "req-1")
                    .param("companyName", "Menuiserie Dupont")
                    .param("fiscalYearEnd", "31/12/2026")
                    .param("managerId", "neuf")
                    .with(csrf())
                    .with(WebSlices.onPages(staff, MANAGER)))
            .andExpect(status().isBadRequest())
            .andExpect(view().name("pages/dossier-nouveau"))
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(page)
        .contains("class=\"error-summary\"", "3 informations sont à corriger.")
        .contains("href=\"#fiscalYearStart\"", "href=\"#fiscalYearEnd\"", "href=\"#managerId\"")
        .contains("value=\"Menuiserie Dupont\"");
    verifyNoInteractions(requests, formOnce);
  }

  @Test
  @DisplayName("without its CSRF token the form and the lookup are refused (403), nothing asked")
  void csrfRequired() throws Exception {
    mvc.perform(
            post("/dossiers/nouveau")
                .param("companyName", "Menuiserie Dupont")
                .param("fiscalYearStart", "2026-01-01")
                .with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(status().isForbidden());
    mvc.perform(
            post("/dossiers/nouveau/siret")
                .param("siret", SIRET)
                .with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(status().isForbidden());
    verifyNoInteractions(requests, formOnce, registry, queries);
  }

  @Test
  @DisplayName(
      "a valid form goes to the service once, by the member signed in; its request's page follows")
  void submitted() throws Exception {
    when(requests.submit(any(), any())).thenReturn(accepted(41));

    mvc.perform(newDossier())
        .andExpect(status().isFound())
        .andExpect(redirectedUrl("/dossiers/demandes/41"))
        .andExpect(
            flash()
                .attribute(
                    "success", "La demande de création est enregistrée : suivez-la ci-dessous."));
    verify(formOnce).run(eq("dossier-request"), eq("req-1"), any());
    verify(requests)
        .submit(
            new NewDossierRequest(
                SIRET,
                new CompanyDetails("Menuiserie Dupont", null, null, null, null, null, "FR", null),
                List.of(new CompanyFields.FiscalYear(LocalDate.of(2026, 1, 1), null)),
                9L,
                List.of(12L),
                "TPE",
                List.of(),
                null,
                false),
            new Actor.Staff(9, "claire.martin", false));
  }

  @Test
  @DisplayName(
      "the service's SIRET_ALREADY_USED: 409, the form again naming the field and linking the"
          + " dossier that has it")
  void siretAlreadyUsed() throws Exception {
    when(requests.submit(any(), any()))
        .thenThrow(
            DomainException.conflict(
                CommonErrors.SIRET_ALREADY_USED, "siret", "The SIRET is used already."));
    when(queries.dossierWithSiret(SIRET))
        .thenReturn(Optional.of(new DossierRequestQueries.Ref(41, "Menuiserie Dupont")));

    String page =
        mvc.perform(newDossier())
            .andExpect(status().isConflict())
            .andExpect(view().name("pages/dossier-nouveau"))
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(page)
        .contains("href=\"#siret\"", "Ce SIRET est déjà utilisé par un dossier du cabinet.")
        .contains("href=\"/dossiers/41\"");
  }

  @Test
  @DisplayName(
      "the director's invitation refused: 403 on the form at the director's e-mail; any other"
          + " refusal of rights: the readable error page")
  void forbidden() throws Exception {
    when(requests.submit(any(), any()))
        .thenThrow(
            DomainException.forbidden(
                DossierCreationErrors.DIRECTOR_INVITATION_MANAGER_ONLY, "Not yours."));
    mvc.perform(newDossier())
        .andExpect(status().isForbidden())
        .andExpect(view().name("pages/dossier-nouveau"))
        .andExpect(content().string(containsString("href=\"#directorEmail\"")));

    doThrow(
            DomainException.forbidden(
                DossierCreationErrors.DOSSIER_CREATION_MANAGER_ONLY, "Managers only."))
        .when(requests)
        .submit(any(), any());
    mvc.perform(newDossier())
        .andExpect(
            WebSlices.errorPage(
                403,
                "DOSSIER_CREATION_MANAGER_ONLY",
                "Seuls les responsables de dossiers et l'administrateur du cabinet créent ou"
                    + " importent des dossiers."));
  }

  private MockHttpServletRequestBuilder newDossier() {
    return post("/dossiers/nouveau")
        .param("requestId", "req-1")
        .param("siret", SIRET)
        .param("companyName", "Menuiserie Dupont")
        .param("fiscalYearStart", "2026-01-01")
        .param("documentTreeCode", "TPE")
        .param("managerId", "9")
        .param("assignedStaffIds", "12")
        .with(csrf())
        .with(WebSlices.onPages(staff, MANAGER));
  }

  private static CompanyInfo company(String name) {
    return new CompanyInfo(
        SIRET,
        "732829320",
        name,
        "5499",
        "SARL",
        "3 RUE NEUVE",
        "69001",
        "LYON",
        "16.23Z",
        true,
        false);
  }

  static DossierRequestView accepted(long id) {
    return new DossierRequestView(
        id,
        DossierRequestStatus.LOOKING_UP,
        SIRET,
        null,
        null,
        List.of(),
        null,
        null,
        List.of(),
        "TPE",
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
