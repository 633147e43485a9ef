package io.passerelle.account.web;

import io.passerelle.account.InvitationService;
import io.passerelle.web.pages.PageLinks;
import io.passerelle.web.pages.StaffPage;
import org.springframework.data.domain.Sort;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Seed 002's "pending activation" tab: who has not activated yet, which dossiers, when the
 * invitation went out (sortable; never sent first), who invited, reminders, expiry. Several can be
 * selected and resent or cancelled ({@link PendingActivationActions}).
 */
@StaffPage
class PendingActivationsController {

  private final InvitationService invitations;

  PendingActivationsController(InvitationService invitations) {
    this.invitations = invitations;
  }

  @GetMapping("/activations-en-attente")
  String pending(
      @RequestParam(name = "jamais-envoyees", defaultValue = "false") boolean neverSent,
      @RequestParam(name = "invalides", defaultValue = "false") boolean emailInvalid,
      @RequestParam(name = "ordre", defaultValue = "asc") String order,
      @RequestParam(required = false) Integer page,
      Model model) {
    boolean descending = "desc".equals(order);
    Sort sort = Sort.by(descending ? Sort.Direction.DESC : Sort.Direction.ASC, "sentAt");
    model.addAttribute(
        "pending",
        invitations.pendingActivations(
            neverSent ? Boolean.TRUE : null,
            emailInvalid ? Boolean.TRUE : null,
            PageLinks.page(page, sort)));
    model.addAttribute("neverSent", neverSent);
    model.addAttribute("emailInvalid", emailInvalid);
    model.addAttribute("descending", descending);
    model.addAttribute(
        "sortLink",
        PageLinks.base(
                "/activations-en-attente",
                PageLinks.filters(
                    "jamais-envoyees", neverSent,
                    "invalides", emailInvalid,
                    "ordre", descending ? "asc" : "desc"))
            .replaceAll("[?&]$", ""));
    model.addAttribute(
        "base",
        PageLinks.base(
            "/activations-en-attente",
            PageLinks.filters(
                "jamais-envoyees", neverSent,
                "invalides", emailInvalid,
                "ordre", descending ? "desc" : "asc")));
    return "pages/activations-en-attente";
  }
}
