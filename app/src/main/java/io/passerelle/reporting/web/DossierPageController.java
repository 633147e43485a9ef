package io.passerelle.reporting.web;

import io.passerelle.catalog.CatalogService;
import io.passerelle.contact.AccessLevel;
import io.passerelle.contact.AdvisorType;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.contact.Language;
import io.passerelle.contact.SubscriberType;
import io.passerelle.contact.web.DossierContactsQuery;
import io.passerelle.dossier.DossierService;
import io.passerelle.dossier.DossierView;
import io.passerelle.dossiersetup.DossierSetupService;
import io.passerelle.dossiersetup.web.AdvisorForm;
import io.passerelle.dossiersetup.web.DossierSetupPagesController;
import io.passerelle.onboarding.OnboardingFilter;
import io.passerelle.onboarding.OnboardingService;
import io.passerelle.onboarding.OnboardingView;
import io.passerelle.onboarding.web.ProposalForm;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.web.pages.Flash;
import io.passerelle.web.pages.FormErrors;
import io.passerelle.web.pages.NameLookup;
import io.passerelle.web.pages.StaffPage;
import java.util.UUID;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A dossier: its details, its offers (activate, initialise the widget: seed 001), its contacts with
 * their access, GED and account status, and the collaborative services proposed on it.
 */
@StaffPage
class DossierPageController {

  private final DossierService dossiers;
  private final DossierLinkService links;
  private final CatalogService catalog;
  private final DossierContactsQuery contacts;
  private final OnboardingService onboardings;
  private final NameLookup names;
  private final DossierSetupService setup;

  DossierPageController(
      DossierService dossiers,
      DossierLinkService links,
      CatalogService catalog,
      DossierContactsQuery contacts,
      OnboardingService onboardings,
      NameLookup names,
      DossierSetupService setup) {
    this.dossiers = dossiers;
    this.links = links;
    this.catalog = catalog;
    this.contacts = contacts;
    this.onboardings = onboardings;
    this.names = names;
    this.setup = setup;
  }

  /** An onboarding of the dossier with its contact's name. */
  record OnboardingLine(OnboardingView onboarding, String contact) {}

  @GetMapping("/dossiers/{id}")
  String dossier(@PathVariable long id, @AuthenticationPrincipal StaffPrincipal me, Model model) {
    DossierView dossier = dossiers.get(id);
    model.addAttribute("dossier", dossier);
    model.addAttribute("offers", catalog.offers());
    model.addAttribute(
        "onDossier",
        dossier.offers().stream()
            .collect(
                java.util.stream.Collectors.toMap(
                    DossierView.OfferOnDossier::offerCode, o -> o, (a, b) -> a)));
    model.addAttribute("contacts", contacts.forDossier(id));
    model.addAttribute(
        "managesExternalAccess",
        me.staff().administrator() || dossier.manager().id() == me.staff().id());
    var page =
        onboardings.list(
            new OnboardingFilter(id, null, null, null, null),
            PageRequest.of(0, 50, Sort.by(Sort.Direction.DESC, "createdAt")));
    var contactNames =
        names.contacts(page.getContent().stream().map(OnboardingView::contactId).toList());
    model.addAttribute(
        "onboardings",
        page.getContent().stream()
            .map(
                o ->
                    new OnboardingLine(
                        o, o.contactId() == null ? null : contactNames.get(o.contactId())))
            .toList());
    model.addAttribute("onboardingCount", page.getTotalElements());
    if (!model.containsAttribute("proposal")) {
      model.addAttribute("proposal", ProposalForm.empty(UUID.randomUUID().toString()));
    }
    model.addAttribute("roles", catalog.roles());
    model.addAttribute("subscriberTypes", SubscriberType.values());
    model.addAttribute("advisorTypes", AdvisorType.values());
    model.addAttribute("accessLevels", AccessLevel.values());
    model.addAttribute("languages", Language.values());
    // set-up (document tree, partner applications) and "ajouter un conseiller" (seeds 003, 004)
    var dossierSetup = setup.forDossier(id);
    model.addAttribute("documentTree", dossierSetup.documentTree());
    model.addAttribute("trees", setup.documentTrees());
    model.addAttribute(
        "applicationLines",
        DossierSetupPagesController.lines(
            dossierSetup.partnerApplications(), setup.partnerApplications()));
    if (!model.containsAttribute("setupErrors")) {
      model.addAttribute("setupErrors", FormErrors.NONE);
    }
    if (!model.containsAttribute("advisor")) {
      model.addAttribute("advisor", AdvisorForm.empty(UUID.randomUUID().toString()));
    }
    if (!model.containsAttribute("advisorErrors")) {
      model.addAttribute("advisorErrors", FormErrors.NONE);
    }
    return "pages/dossier";
  }

  @PostMapping("/dossiers/{id}/offres/{code}/activer")
  String activateOffer(
      @PathVariable long id,
      @PathVariable String code,
      @AuthenticationPrincipal StaffPrincipal me,
      RedirectAttributes flash) {
    return Flash.run(
        "/dossiers/" + id,
        flash,
        "L'offre est active sur le dossier.",
        () -> dossiers.activateOffer(id, code, me.actor()));
  }

  /** Seed 001, step 4: "initialiser le widget" (or turn it off again). */
  @PostMapping("/dossiers/{id}/offres/{code}/widget")
  String widget(
      @PathVariable long id,
      @PathVariable String code,
      @RequestParam(defaultValue = "true") boolean enabled,
      @AuthenticationPrincipal StaffPrincipal me,
      RedirectAttributes flash) {
    return Flash.run(
        "/dossiers/" + id,
        flash,
        enabled ? "Le widget de l'offre est activé." : "Le widget de l'offre est désactivé.",
        () -> dossiers.setWidget(id, code, enabled, me.actor()));
  }

  @PostMapping("/dossiers/{id}/acces/{linkId}/ged")
  String ged(
      @PathVariable long id,
      @PathVariable long linkId,
      @RequestParam boolean access,
      @AuthenticationPrincipal StaffPrincipal me,
      RedirectAttributes flash) {
    return Flash.run(
        "/dossiers/" + id,
        flash,
        access ? "L'accès à la GED est rétabli." : "L'accès à la GED est révoqué.",
        () -> {
          if (access) {
            links.restoreGed(id, linkId, me.actor());
          } else {
            links.revokeGed(id, linkId, me.actor());
          }
        });
  }
}
