package io.passerelle.dossiercreation.web;

import io.passerelle.catalog.CatalogService;
import io.passerelle.contact.AccessLevel;
import io.passerelle.domain.CommonErrors;
import io.passerelle.domain.DomainException;
import io.passerelle.dossier.FiscalYears;
import io.passerelle.dossiercreation.DossierCreationErrors;
import io.passerelle.dossiercreation.DossierRequestService;
import io.passerelle.dossiersetup.DossierSetupProperties.PartnerApplication;
import io.passerelle.dossiersetup.DossierSetupService;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.staff.StaffRole;
import io.passerelle.staff.StaffService;
import io.passerelle.staff.StaffView;
import io.passerelle.web.pages.FormErrors;
import io.passerelle.web.pages.FormOnce;
import io.passerelle.web.pages.StaffPage;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Nouveau dossier" (seed 004's "Ajouter un client"): the SIRET looked up in the company registry
 * to prefill the company (htmx, or the whole page without JavaScript), the fiscal year with its end
 * proposed 12 months later, the document tree when the firm has several, the manager and the
 * assigned staff, the director to invite now or later, the partner applications. Sending it starts
 * a dossier request — {@link DossierRequestService#submit}, what {@code POST /api/dossier-requests}
 * calls — and shows its progress page.
 */
@StaffPage
class DossierCreationController {

  private final DossierRequestService requests;
  private final DossierSetupService setup;
  private final StaffService staff;
  private final CatalogService catalog;
  private final SiretLookup siretLookup;
  private final NewDossierFormErrors formErrors;

  private final FormOnce formOnce;

  DossierCreationController(
      DossierRequestService requests,
      DossierSetupService setup,
      StaffService staff,
      CatalogService catalog,
      SiretLookup siretLookup,
      NewDossierFormErrors formErrors,
      FormOnce formOnce) {
    this.formOnce = formOnce;
    this.requests = requests;
    this.setup = setup;
    this.staff = staff;
    this.catalog = catalog;
    this.siretLookup = siretLookup;
    this.formErrors = formErrors;
  }

  @GetMapping("/dossiers/nouveau")
  String form(@AuthenticationPrincipal StaffPrincipal me, Model model) {
    requireCreator(me);
    NewDossierForm form =
        NewDossierForm.blank(
            UUID.randomUUID().toString(),
            me.staff().role() == StaffRole.MANAGER ? me.staff().id() : null);
    return page(form, FormErrors.NONE, null, model);
  }

  /**
   * Seed 004, step 2: the SIRET looked up, the company prefilled. With htmx, only the company's
   * part of the form comes back; without JavaScript, the whole page with what was typed.
   */
  @PostMapping("/dossiers/nouveau/siret")
  String lookup(
      @ModelAttribute("form") NewDossierForm form,
      BindingResult binding,
      @RequestHeader(name = "HX-Request", required = false) String htmx,
      @AuthenticationPrincipal StaffPrincipal me,
      Model model) {
    requireCreator(me);
    SiretLookup.Lookup lookup = siretLookup.lookup(form);
    if ("true".equals(htmx)) {
      model.addAttribute("form", form);
      model.addAttribute("errors", FormErrors.NONE);
      model.addAttribute("lookup", lookup);
      return "pages/dossier-nouveau :: lookup-response";
    }
    return page(form, FormErrors.NONE, lookup, model);
  }

  /** Seed 004, step 3: "une date de fin 12 mois plus tard", which stays editable. */
  @GetMapping("/dossiers/nouveau/fin-exercice")
  String proposedEnd(
      @RequestParam(required = false) String fiscalYearStart,
      @AuthenticationPrincipal StaffPrincipal me,
      Model model) {
    NewDossierForm form = new NewDossierForm();
    form.setFiscalYearStart(fiscalYearStart);
    try {
      LocalDate start = NewDossierForm.date(fiscalYearStart, "fiscalYearStart");
      if (start != null) {
        form.setFiscalYearEnd(FiscalYears.defaultEnd(start).toString());
      }
    } catch (IllegalArgumentException unreadable) {
      // the end stays empty: the form says what is wrong when it is sent
    }
    model.addAttribute("form", form);
    model.addAttribute("errors", FormErrors.NONE);
    return "pages/dossier-nouveau :: fiscal-year-end";
  }

  @PostMapping("/dossiers/nouveau")
  String submit(
      @ModelAttribute("form") NewDossierForm form,
      BindingResult binding,
      @AuthenticationPrincipal StaffPrincipal me,
      HttpServletResponse response,
      Model model,
      RedirectAttributes flash) {
    requireCreator(me);
    List<PartnerApplication> catalogue = setup.partnerApplications();
    FormErrors pageErrors = formErrors.pageErrors(form, binding, catalogue);
    if (!pageErrors.isEmpty()) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      return page(form, pageErrors, null, model);
    }
    long requestId;
    try {
      requestId =
          formOnce.run(
              "dossier-request",
              form.getRequestId(),
              () -> requests.submit(form.command(catalogue), me.actor()).id());
    } catch (DomainException e) {
      boolean director = DossierCreationErrors.DIRECTOR_INVITATION_MANAGER_ONLY.is(e.code());
      if (e.kind() == DomainException.Kind.FORBIDDEN && !director) {
        throw e;
      }
      response.setStatus(status(e).value());
      SiretLookup.Lookup used =
          CommonErrors.SIRET_ALREADY_USED.is(e.code()) && form.getSiret() != null
              ? siretLookup.alreadyUsed(form.getSiret().strip())
              : null;
      return page(form, formErrors.errors(e, form, catalogue), used, model);
    }
    flash.addFlashAttribute(
        "success", "La demande de création est enregistrée : suivez-la ci-dessous.");
    return "redirect:/dossiers/demandes/" + requestId;
  }

  // ---- inside ----

  private String page(
      NewDossierForm form, FormErrors errors, SiretLookup.Lookup lookup, Model model) {
    List<StaffView> active =
        staff
            .list(null, true, PageRequest.of(0, 500, Sort.by("lastName", "firstName")))
            .getContent();
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    model.addAttribute("lookup", lookup);
    model.addAttribute("trees", setup.documentTrees());
    model.addAttribute("applications", setup.partnerApplications());
    model.addAttribute(
        "managers", active.stream().filter(s -> s.role() != StaffRole.STAFF).toList());
    model.addAttribute("staffMembers", active);
    model.addAttribute("offers", catalog.offers().stream().filter(o -> o.active()).toList());
    model.addAttribute("accessLevels", AccessLevel.values());
    return "pages/dossier-nouveau";
  }

  private static HttpStatus status(DomainException e) {
    return switch (e.kind()) {
      case INVALID -> HttpStatus.BAD_REQUEST;
      case NOT_FOUND -> HttpStatus.NOT_FOUND;
      case FORBIDDEN -> HttpStatus.FORBIDDEN;
      case CONFLICT -> HttpStatus.CONFLICT;
      case RULE -> HttpStatus.UNPROCESSABLE_ENTITY;
    };
  }

  private static void requireCreator(StaffPrincipal me) {
    if (me.staff().role() == StaffRole.STAFF) {
      throw DomainException.forbidden(
          DossierCreationErrors.DOSSIER_CREATION_MANAGER_ONLY,
          "Only a manager or the office administrator creates or imports dossiers.");
    }
  }
}
