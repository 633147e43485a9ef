package io.passerelle.dossiercreation.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
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

import io.passerelle.domain.Actor;
import io.passerelle.domain.DomainException;
import io.passerelle.dossier.DossierErrors;
import io.passerelle.dossier.DossierView.StaffRef;
import io.passerelle.dossiercreation.CompanyDetails;
import io.passerelle.dossiercreation.DossierCreationErrors;
import io.passerelle.dossiercreation.DossierRequestService;
import io.passerelle.dossiercreation.DossierRequestStatus;
import io.passerelle.dossiercreation.DossierRequestView;
import io.passerelle.processes.ProcessNames.Elements;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.staff.StaffRole;
import io.passerelle.staff.StaffService;
import io.passerelle.support.WebSliceTest;
import io.passerelle.support.WebSlices;
import io.passerelle.web.pages.FormOnce;
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
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * A dossier request's pages in the web slice, the dossier request service mocked: the sign-in, the
 * list's filters, where a request stands (the whole page and the polled fragment), the actions
 * "saisie manuelle" and "réessayer" (CSRF, the service asked by the member signed in, its refusals
 * as a flash or the error page), the company's details sent (double-submit protection, refusals
 * shown on the form). How the process moves on is tested with the whole application ({@code
 * DossierCreationPagesTest}, {@code DossierCreationJourneyTest}).
 */
@WebSliceTest
class DossierRequestPageControllerTest {

  static final StaffPrincipal MANAGER = WebSlices.member(9, "Claire", "Martin", StaffRole.MANAGER);
  static final StaffPrincipal OTHER = WebSlices.member(11, "Sophie", "Leroy", StaffRole.MANAGER);
  static final Actor.Staff CLAIRE = new Actor.Staff(9, "claire.martin", false);

  @Autowired MockMvc mvc;
  @Autowired StaffService staff;
  @Autowired DossierRequestService requests;
  @Autowired FormOnce formOnce;

  @BeforeEach
  void formOnce() {}

  @Test
  @DisplayName("signed out: the sign-in page, nothing read")
  void signInFirst() throws Exception {
    mvc.perform(get("/dossiers/demandes/41")).andExpect(WebSlices.signInPage());
    verifyNoInteractions(requests);
  }

  @Test
  @DisplayName("the list: \"mine\" and the status filter handed to the service, its rows shown")
  void list() throws Exception {
    when(requests.list(any(), any(), any()))
        .thenReturn(new PageImpl<>(List.of(request(41, DossierRequestStatus.CREATED))));

    String page =
        mvc.perform(
                get("/dossiers/demandes")
                    .param("mes", "true")
                    .param("statut", "CREATED")
                    .with(WebSlices.onPages(staff, MANAGER)))
            .andExpect(status().isOk())
            .andExpect(view().name("pages/demandes"))
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(page).contains("data-request=\"41\"", "Menuiserie Dupont", "1 demande(s)");
    verify(requests)
        .list(
            DossierRequestStatus.CREATED,
            9L,
            PageRequest.of(0, 25, Sort.by(Sort.Direction.DESC, "createdAt")));
  }

  @Test
  @DisplayName("the registry down: the incident, with \"saisie manuelle\" and \"réessayer\"")
  void registryDown() throws Exception {
    when(requests.get(41)).thenReturn(lookingUp(41, true));

    String page =
        mvc.perform(get("/dossiers/demandes/41").with(WebSlices.onPages(staff, MANAGER)))
            .andExpect(status().isOk())
            .andExpect(view().name("pages/demande"))
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(page)
        .contains("Création du dossier SIRET 73282932000074", "data-stage=\"REGISTRY_DOWN\"")
        .contains("HTTP 503 from the registry", "id=\"manual-entry\"", "id=\"retry-lookup\"")
        .doesNotContain("hx-trigger");
  }

  @Test
  @DisplayName(
      "the polled state: the fragment alone, still polling while the registry is asked; no"
          + " action for who may not act")
  void polledState() throws Exception {
    when(requests.get(41)).thenReturn(lookingUp(41, false));

    String fragment =
        mvc.perform(get("/dossiers/demandes/41/etat").with(WebSlices.onPages(staff, OTHER)))
            .andExpect(status().isOk())
            .andExpect(view().name("pages/demande :: state-response"))
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(fragment)
        .doesNotContain("<html", "id=\"manual-entry\"")
        .contains("data-stage=\"LOOKING_UP\"", "hx-trigger=\"every 2s\"", "id=\"request-summary\"");
  }

  @Test
  @DisplayName("\"saisie manuelle\" needs its CSRF token; then it is asked by the member signed in")
  void manualEntry() throws Exception {
    mvc.perform(
            post("/dossiers/demandes/41/saisie-manuelle").with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(status().isForbidden());
    verifyNoInteractions(requests);

    mvc.perform(
            post("/dossiers/demandes/41/saisie-manuelle")
                .with(csrf())
                .with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(redirectedUrl("/dossiers/demandes/41"))
        .andExpect(flash().attributeExists("success"));
    verify(requests).requestManualEntry(41, CLAIRE);
  }

  @Test
  @DisplayName(
      "\"réessayer\" without an incident: a flash in French; by someone else: the 403 page")
  void retryRefused() throws Exception {
    doThrow(DomainException.conflict(DossierCreationErrors.NO_INCIDENT, "No incident."))
        .when(requests)
        .retryLookup(41, CLAIRE);
    mvc.perform(
            post("/dossiers/demandes/41/reessayer")
                .with(csrf())
                .with(WebSlices.onPages(staff, MANAGER)))
        .andExpect(redirectedUrl("/dossiers/demandes/41"))
        .andExpect(flash().attributeExists("failure"));

    doThrow(
            DomainException.forbidden(
                DossierCreationErrors.DOSSIER_REQUEST_OWNER_ONLY, "Not yours."))
        .when(requests)
        .retryLookup(eq(41L), any());
    mvc.perform(
            post("/dossiers/demandes/41/reessayer")
                .with(csrf())
                .with(WebSlices.onPages(staff, OTHER)))
        .andExpect(
            WebSlices.errorPage(
                403,
                "DOSSIER_REQUEST_OWNER_ONLY",
                "Seuls la personne qui a demandé ce dossier, son responsable et l'administrateur"
                    + " du cabinet peuvent faire cela."));
  }

  @Test
  @DisplayName("the company's details go to the service once, with the SIRET typed: redirect")
  void detailsCompleted() throws Exception {
    mvc.perform(details())
        .andExpect(redirectedUrl("/dossiers/demandes/41"))
        .andExpect(
            flash()
                .attribute(
                    "success", "Informations enregistrées : le dossier est en cours de création."));
    verify(formOnce).run(eq("company-details"), eq("form-1"), any());
    verify(requests)
        .completeDetails(
            41L,
            "73282932000074",
            new CompanyDetails(
                "Menuiserie Dupont", null, "3 rue Neuve", null, "69001", "Lyon", "FR", "16.23Z"),
            CLAIRE);
  }

  @Test
  @DisplayName(
      "details refused: 400 with the form again naming the field; a conflict: a flash on the page")
  void detailsRefused() throws Exception {
    when(requests.get(41)).thenReturn(detailsNeeded(41));
    when(requests.completeDetails(anyLong(), any(), any(), any()))
        .thenThrow(
            DomainException.invalid(DossierErrors.INVALID_NAF_CODE, "company.nafCode", "Bad NAF."));

    String page =
        mvc.perform(details())
            .andExpect(status().isBadRequest())
            .andExpect(view().name("pages/demande"))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(page).contains("href=\"#nafCode\"", "value=\"Menuiserie Dupont\"");

    doThrow(DomainException.conflict(DossierCreationErrors.LOOKUP_NOT_PENDING, "Done."))
        .when(requests)
        .completeDetails(anyLong(), any(), any(), any());
    mvc.perform(details())
        .andExpect(redirectedUrl("/dossiers/demandes/41"))
        .andExpect(flash().attributeExists("failure"));
  }

  private MockHttpServletRequestBuilder details() {
    return post("/dossiers/demandes/41/informations")
        .param("requestId", "form-1")
        .param("siret", "73282932000074")
        .param("companyName", "Menuiserie Dupont")
        .param("addressLine1", "3 rue Neuve")
        .param("postalCode", "69001")
        .param("city", "Lyon")
        .param("country", "FR")
        .param("nafCode", "16.23Z")
        .with(csrf())
        .with(WebSlices.onPages(staff, MANAGER));
  }

  static DossierRequestView lookingUp(long id, boolean incident) {
    return requestView(
        id,
        DossierRequestStatus.LOOKING_UP,
        new DossierRequestView.Process(
            2251799813685249L,
            null,
            incident
                ? List.of(
                    new DossierRequestView.Incident(
                        Elements.LOOKUP_COMPANY,
                        "JOB_NO_RETRIES",
                        "HTTP 503 from the registry",
                        Instant.parse("2026-11-30T10:00:00Z")))
                : List.of()));
  }

  static DossierRequestView detailsNeeded(long id) {
    return requestView(
        id,
        DossierRequestStatus.DETAILS_NEEDED,
        new DossierRequestView.Process(
            2251799813685249L,
            new DossierRequestView.Task(
                7L, Elements.USER_TASK_COMPLETE_COMPANY_DETAILS, "Compléter", "claire.martin"),
            List.of()));
  }

  static DossierRequestView request(long id, DossierRequestStatus status) {
    return requestView(id, status, new DossierRequestView.Process(null, null, List.of()));
  }

  private static DossierRequestView requestView(
      long id, DossierRequestStatus status, DossierRequestView.Process process) {
    StaffRef claire = new StaffRef(9, "claire.martin", "Claire Martin");
    return new DossierRequestView(
        id,
        status,
        "73282932000074",
        status == DossierRequestStatus.LOOKING_UP
            ? CompanyDetails.EMPTY
            : new CompanyDetails("Menuiserie Dupont", null, null, null, null, null, "FR", null),
        null,
        List.of(),
        claire,
        claire,
        List.of(),
        "TPE",
        List.of(),
        new DossierRequestView.Director(
            false, false, null, null, null, null, null, null, null, null),
        status == DossierRequestStatus.CREATED
            ? new DossierRequestView.DossierRef(77, "Menuiserie Dupont", "/api/dossiers/77")
            : null,
        null,
        null,
        process,
        Instant.parse("2026-11-30T09:00:00Z"),
        Instant.parse("2026-11-30T09:00:00Z"));
  }
}
