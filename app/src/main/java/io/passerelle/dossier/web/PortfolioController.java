package io.passerelle.dossier.web;

import io.passerelle.account.AccountStatus;
import io.passerelle.catalog.CatalogService;
import io.passerelle.domain.Texts;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.staff.StaffService;
import io.passerelle.web.pages.PageLinks;
import io.passerelle.web.pages.StaffPage;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The portfolio: the firm's dossiers with their offer tiles, manager, assigned staff and contacts
 * by account status; search and filters; paginated in SQL ({@link PortfolioQuery}).
 */
@StaffPage
public class PortfolioController {

  private final PortfolioQuery portfolio;
  private final CatalogService catalog;
  private final StaffService staff;

  PortfolioController(PortfolioQuery portfolio, CatalogService catalog, StaffService staff) {
    this.portfolio = portfolio;
    this.catalog = catalog;
    this.staff = staff;
  }

  @GetMapping("/portefeuille")
  String portfolio(
      @RequestParam(required = false) String q,
      @RequestParam(name = "responsable", required = false) Long managerId,
      @RequestParam(name = "mes", defaultValue = "false") boolean mine,
      @RequestParam(name = "offre", required = false) String offerCode,
      @RequestParam(name = "statut", required = false) AccountStatus contactStatus,
      @RequestParam(required = false) Integer page,
      @AuthenticationPrincipal StaffPrincipal me,
      Model model) {
    var filter =
        new PortfolioQuery.Filter(
            q,
            managerId,
            mine ? me.staff().id() : null,
            Texts.trimToNull(offerCode),
            contactStatus);
    model.addAttribute("dossiers", portfolio.find(filter, PageLinks.page(page)));
    model.addAttribute("q", q);
    model.addAttribute("managerId", managerId);
    model.addAttribute("mine", mine);
    model.addAttribute("offerCode", offerCode);
    model.addAttribute("contactStatus", contactStatus);
    model.addAttribute("statuses", AccountStatus.values());
    model.addAttribute("offers", catalog.offers());
    model.addAttribute(
        "staff", staff.list(null, true, PageRequest.of(0, 200, Sort.by("lastName"))).getContent());
    model.addAttribute(
        "base",
        PageLinks.base(
            "/portefeuille",
            PageLinks.filters(
                "q", q,
                "responsable", managerId,
                "mes", mine,
                "offre", offerCode,
                "statut", contactStatus)));
    return "pages/portefeuille";
  }
}
