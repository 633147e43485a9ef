package io.passerelle.onboarding.web;

import io.passerelle.catalog.CatalogService;
import io.passerelle.domain.DomainException;
import io.passerelle.domain.Texts;
import io.passerelle.dossier.web.PortfolioQuery;
import io.passerelle.onboarding.BulkInvitationService;
import io.passerelle.onboarding.BulkInvitationView;
import io.passerelle.onboarding.BulkItemView;
import io.passerelle.onboarding.BulkPreview;
import io.passerelle.onboarding.BulkRequest;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.web.pages.FormOnce;
import io.passerelle.web.pages.FrenchMessages;
import io.passerelle.web.pages.NameLookup;
import io.passerelle.web.pages.PageLinks;
import io.passerelle.web.pages.StaffPage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Bulk invitation (seed 002): choose dossiers (by hand, or all those a filter finds), preview who
 * will be invited and who left out and why, add a message, send; then its progress (htmx polls the
 * count while it runs) and the result per contact. The journey's {@link BulkInvitationService} does
 * the work.
 */
@StaffPage
class BulkInvitationPagesController {

  private static final int PREVIEW_ROWS = 500;

  private final BulkInvitationService bulks;
  private final PortfolioQuery portfolio;
  private final CatalogService catalog;
  private final NameLookup names;

  private final FormOnce formOnce;

  BulkInvitationPagesController(
      BulkInvitationService bulks,
      PortfolioQuery portfolio,
      CatalogService catalog,
      NameLookup names,
      FormOnce formOnce) {
    this.formOnce = formOnce;
    this.bulks = bulks;
    this.portfolio = portfolio;
    this.catalog = catalog;
    this.names = names;
  }

  @GetMapping("/invitations-groupees/nouvelle")
  String choose(
      @RequestParam(required = false) String q,
      @RequestParam(name = "mes", defaultValue = "false") boolean mine,
      @RequestParam(name = "offre", required = false) String offerCode,
      @RequestParam(required = false) Integer page,
      @AuthenticationPrincipal StaffPrincipal me,
      Model model) {
    var filter =
        new PortfolioQuery.Filter(
            q, null, mine ? me.staff().id() : null, Texts.trimToNull(offerCode), null);
    model.addAttribute("dossiers", portfolio.find(filter, PageLinks.page(page)));
    model.addAttribute("q", q);
    model.addAttribute("mine", mine);
    model.addAttribute("offerCode", offerCode);
    model.addAttribute("offers", catalog.offers());
    model.addAttribute(
        "base",
        PageLinks.base(
            "/invitations-groupees/nouvelle",
            PageLinks.filters("q", q, "mes", mine, "offre", offerCode)));
    return "pages/invitation-groupee";
  }

  @PostMapping("/invitations-groupees/apercu")
  String preview(
      @RequestParam(name = "dossier", required = false) List<Long> chosen,
      @RequestParam(name = "tous", defaultValue = "false") boolean allMatching,
      @RequestParam(required = false) String q,
      @RequestParam(name = "mes", defaultValue = "false") boolean mine,
      @RequestParam(name = "filtreOffre", required = false) String filterOffer,
      @RequestParam String offerCode,
      @RequestParam(required = false) String customMessage,
      @AuthenticationPrincipal StaffPrincipal me,
      Model model,
      RedirectAttributes flash) {
    List<Long> dossierIds =
        allMatching
            ? portfolio.ids(
                new PortfolioQuery.Filter(
                    q, null, mine ? me.staff().id() : null, Texts.trimToNull(filterOffer), null),
                BulkInvitationService.MAX_DOSSIERS)
            : chosen == null ? List.of() : new ArrayList<>(new LinkedHashSet<>(chosen));
    if (dossierIds.isEmpty()) {
      flash.addFlashAttribute("failure", "Choisissez au moins un dossier.");
      return "redirect:/invitations-groupees/nouvelle";
    }
    BulkPreview preview;
    try {
      preview =
          bulks.preview(new BulkRequest(dossierIds, null, offerCode, customMessage), me.actor());
    } catch (DomainException e) {
      if (e.kind() == DomainException.Kind.FORBIDDEN) {
        throw e;
      }
      flash.addFlashAttribute("failure", FrenchMessages.of(e));
      return "redirect:/invitations-groupees/nouvelle";
    }
    model.addAttribute("preview", preview);
    model.addAttribute("candidates", preview.candidates().stream().limit(PREVIEW_ROWS).toList());
    model.addAttribute("dossierIds", dossierIds);
    model.addAttribute("offerCode", preview.offerCode());
    model.addAttribute("customMessage", customMessage);
    model.addAttribute("requestId", UUID.randomUUID().toString());
    return "pages/invitation-groupee-apercu";
  }

  @PostMapping("/invitations-groupees")
  String start(
      @RequestParam(name = "dossier") List<Long> dossierIds,
      @RequestParam String offerCode,
      @RequestParam(required = false) String customMessage,
      @RequestParam(required = false) String requestId,
      @AuthenticationPrincipal StaffPrincipal me,
      RedirectAttributes flash) {
    long bulkId;
    try {
      bulkId =
          formOnce.run(
              "bulk",
              requestId,
              () ->
                  bulks
                      .start(
                          new BulkRequest(dossierIds, null, offerCode, customMessage), me.actor())
                      .id());
    } catch (DomainException e) {
      if (e.kind() == DomainException.Kind.FORBIDDEN) {
        throw e;
      }
      flash.addFlashAttribute("failure", FrenchMessages.of(e));
      return "redirect:/invitations-groupees/nouvelle";
    }
    return "redirect:/invitations-groupees/" + bulkId;
  }

  /** A line of the result: the item with its dossier's and contact's names. */
  record ItemLine(BulkItemView item, String dossier, String contact) {}

  @GetMapping("/invitations-groupees/{id}")
  String bulk(@PathVariable long id, @RequestParam(required = false) Integer page, Model model) {
    BulkInvitationView bulk = bulks.get(id);
    model.addAttribute("bulk", bulk);
    Page<BulkItemView> items =
        bulks.items(id, PageRequest.of(page == null || page < 0 ? 0 : page, 50));
    Map<Long, String> dossiers =
        names.dossiers(items.getContent().stream().map(BulkItemView::dossierId).toList());
    Map<Long, String> contacts =
        names.contacts(items.getContent().stream().map(BulkItemView::contactId).toList());
    model.addAttribute("items", items);
    model.addAttribute(
        "lines",
        items.getContent().stream()
            .map(i -> new ItemLine(i, dossiers.get(i.dossierId()), contacts.get(i.contactId())))
            .toList());
    model.addAttribute("base", "/invitations-groupees/" + id + "?");
    return "pages/invitation-groupee-suivi";
  }

  /** The progress alone, for htmx polling while the bulk runs. */
  @GetMapping("/invitations-groupees/{id}/progression")
  String progress(@PathVariable long id, Model model) {
    model.addAttribute("bulk", bulks.get(id));
    return "pages/invitation-groupee-suivi :: progress";
  }
}
