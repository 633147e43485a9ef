package io.passerelle.dossiercreation.web;

import io.passerelle.domain.DomainException;
import io.passerelle.dossiercreation.CompanyDetails;
import io.passerelle.dossiercreation.DossierRequestService;
import io.passerelle.dossiercreation.DossierRequestStatus;
import io.passerelle.dossiercreation.DossierRequestView;
import io.passerelle.dossiersetup.DossierSetupProperties.DocumentTreeTemplate;
import io.passerelle.dossiersetup.DossierSetupProperties.PartnerApplication;
import io.passerelle.dossiersetup.DossierSetupService;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.web.pages.Flash;
import io.passerelle.web.pages.FormErrors;
import io.passerelle.web.pages.FormOnce;
import io.passerelle.web.pages.FrenchMessages;
import io.passerelle.web.pages.PageLinks;
import io.passerelle.web.pages.StaffPage;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A dossier request's page: where its {@code Process_DossierCreation} stands (htmx polls it while
 * the process works on its own: looking the SIRET up, creating the dossier, inviting the director),
 * what it waits for (the company's details, in a form here), its outcome (the new dossier, or the
 * one that has the SIRET already), and, when the registry stays down, the incident with "saisie
 * manuelle" and "réessayer". Everything goes through {@link DossierRequestService}, as the API
 * does.
 */
@StaffPage
public class DossierRequestPageController {

  private final DossierRequestService requests;
  private final DossierSetupService setup;

  private final FormOnce formOnce;

  DossierRequestPageController(
      DossierRequestService requests, DossierSetupService setup, FormOnce formOnce) {
    this.formOnce = formOnce;
    this.requests = requests;
    this.setup = setup;
  }

  /**
   * The task's form: the company's details, prefilled with the request's (the registry's answer
   * included); a field left empty keeps what the request has.
   */
  public record CompanyDetailsForm(
      String requestId,
      String siret,
      String companyName,
      String legalForm,
      String addressLine1,
      String addressLine2,
      String postalCode,
      String city,
      String country,
      String nafCode) {

    public static CompanyDetailsForm of(DossierRequestView request) {
      CompanyDetails c = request.company() == null ? CompanyDetails.EMPTY : request.company();
      return new CompanyDetailsForm(
          UUID.randomUUID().toString(),
          request.siret(),
          c.companyName(),
          c.legalForm(),
          c.addressLine1(),
          c.addressLine2(),
          c.postalCode(),
          c.city(),
          c.country() == null ? "FR" : c.country(),
          c.nafCode());
    }

    CompanyDetails details() {
      return new CompanyDetails(
          companyName, legalForm, addressLine1, addressLine2, postalCode, city, country, nafCode);
    }
  }

  @GetMapping("/dossiers/demandes")
  String list(
      @RequestParam(name = "mes", defaultValue = "false") boolean mine,
      @RequestParam(name = "statut", required = false) DossierRequestStatus status,
      @RequestParam(required = false) Integer page,
      @AuthenticationPrincipal StaffPrincipal me,
      Model model) {
    model.addAttribute(
        "requests",
        requests.list(
            status,
            mine ? me.staff().id() : null,
            PageLinks.page(page, Sort.by(Sort.Direction.DESC, "createdAt"))));
    model.addAttribute("mine", mine);
    model.addAttribute("status", status);
    model.addAttribute("statuses", DossierRequestStatus.values());
    model.addAttribute(
        "base",
        PageLinks.base("/dossiers/demandes", PageLinks.filters("mes", mine, "statut", status)));
    return "pages/demandes";
  }

  @GetMapping("/dossiers/demandes/{id}")
  String request(@PathVariable long id, @AuthenticationPrincipal StaffPrincipal me, Model model) {
    DossierRequestView request = requests.get(id);
    return page(request, CompanyDetailsForm.of(request), FormErrors.NONE, me, model);
  }

  /** The state alone, for htmx polling while the process moves on. */
  @GetMapping("/dossiers/demandes/{id}/etat")
  String state(@PathVariable long id, @AuthenticationPrincipal StaffPrincipal me, Model model) {
    DossierRequestView request = requests.get(id);
    fill(request, CompanyDetailsForm.of(request), FormErrors.NONE, me, model);
    names(model);
    return "pages/demande :: state-response";
  }

  /** The registry is slow or down: stop waiting for it and complete the details by hand. */
  @PostMapping("/dossiers/demandes/{id}/saisie-manuelle")
  String manualEntry(
      @PathVariable long id, @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes flash) {
    return Flash.run(
        "/dossiers/demandes/" + id,
        flash,
        "Saisie manuelle : le répertoire n'est plus attendu, la tâche « Compléter les"
            + " informations de l'entreprise » s'ouvre.",
        () -> requests.requestManualEntry(id, me.actor()));
  }

  /** The registry is back: the lookup held by its incident is tried again. */
  @PostMapping("/dossiers/demandes/{id}/reessayer")
  String retry(
      @PathVariable long id, @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes flash) {
    return Flash.run(
        "/dossiers/demandes/" + id,
        flash,
        "La recherche dans le répertoire des entreprises est relancée.",
        () -> requests.retryLookup(id, me.actor()));
  }

  /** "Compléter les informations de l'entreprise": saves them and completes the task. */
  @PostMapping("/dossiers/demandes/{id}/informations")
  String completeDetails(
      @PathVariable long id,
      @ModelAttribute CompanyDetailsForm form,
      @AuthenticationPrincipal StaffPrincipal me,
      HttpServletResponse response,
      Model model,
      RedirectAttributes flash) {
    try {
      formOnce.run(
          "company-details",
          form.requestId(),
          () -> {
            requests.completeDetails(id, form.siret(), form.details(), me.actor());
            return id;
          });
    } catch (DomainException e) {
      if (e.kind() == DomainException.Kind.FORBIDDEN
          || e.kind() == DomainException.Kind.NOT_FOUND) {
        throw e;
      }
      if (e.kind() == DomainException.Kind.CONFLICT) {
        flash.addFlashAttribute("failure", FrenchMessages.of(e));
        return "redirect:/dossiers/demandes/" + id;
      }
      response.setStatus(
          e.kind() == DomainException.Kind.RULE
              ? HttpStatus.UNPROCESSABLE_ENTITY.value()
              : HttpStatus.BAD_REQUEST.value());
      FormErrors errors =
          FormErrors.from(
              e,
              name -> NewDossierFormErrors.field(name, List.of()),
              new FormErrors.Field("companyName", "Raison sociale"));
      return page(requests.get(id), form, errors, me, model);
    }
    flash.addFlashAttribute(
        "success", "Informations enregistrées : le dossier est en cours de création.");
    return "redirect:/dossiers/demandes/" + id;
  }

  private String page(
      DossierRequestView request,
      CompanyDetailsForm form,
      FormErrors errors,
      StaffPrincipal me,
      Model model) {
    fill(request, form, errors, me, model);
    names(model);
    return "pages/demande";
  }

  /** The catalogues' names, for the request's summary (it holds codes). */
  private void names(Model model) {
    model.addAttribute(
        "treeNames",
        setup.documentTrees().stream()
            .collect(
                Collectors.toMap(
                    DocumentTreeTemplate::code, DocumentTreeTemplate::name, (a, b) -> a)));
    model.addAttribute(
        "applicationNames",
        setup.partnerApplications().stream()
            .collect(
                Collectors.toMap(PartnerApplication::code, PartnerApplication::name, (a, b) -> a)));
  }

  public static void fill(
      DossierRequestView request,
      CompanyDetailsForm form,
      FormErrors errors,
      StaffPrincipal me,
      Model model) {
    model.addAttribute("progress", RequestProgress.of(request, me));
    model.addAttribute("dossierRequest", request);
    model.addAttribute("detailsForm", form);
    model.addAttribute("detailsErrors", errors);
  }
}
