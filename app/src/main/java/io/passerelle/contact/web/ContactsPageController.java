package io.passerelle.contact.web;

import io.passerelle.account.AccountService;
import io.passerelle.account.AccountStatus;
import io.passerelle.account.InvitationService;
import io.passerelle.account.InvitationView;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.ContactView;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.contact.SubscriberType;
import io.passerelle.staff.ScopedResources;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.web.pages.Flash;
import io.passerelle.web.pages.PageLinks;
import io.passerelle.web.pages.StaffPage;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Seed 000's contacts list and a contact's page: their dossiers with access and GED (revoke or
 * restore the GED alone), their invitations, and the e-mail correction (which sends a pending
 * invitation again to the new address, through the journey).
 */
@StaffPage
class ContactsPageController {

  private final ContactsQuery query;
  private final ContactService contacts;
  private final DossierLinkService links;
  private final InvitationService invitations;
  private final ScopedResources scoped;
  private final AccountService accounts;

  ContactsPageController(
      ContactsQuery query,
      ContactService contacts,
      DossierLinkService links,
      InvitationService invitations,
      ScopedResources scoped,
      AccountService accounts) {
    this.scoped = scoped;
    this.accounts = accounts;
    this.query = query;
    this.contacts = contacts;
    this.links = links;
    this.invitations = invitations;
  }

  @GetMapping("/interlocuteurs")
  String list(
      @RequestParam(required = false) String q,
      @RequestParam(name = "type", required = false) SubscriberType type,
      @RequestParam(name = "acces", required = false) AccountStatus accountStatus,
      @RequestParam(name = "invalide", defaultValue = "false") boolean emailInvalid,
      @RequestParam(name = "inactifs", defaultValue = "false") boolean includeInactive,
      @RequestParam(required = false) Integer page,
      Model model) {
    String subscriberType = type == null ? null : type.name();
    var filter =
        new ContactsQuery.Filter(q, subscriberType, accountStatus, emailInvalid, includeInactive);
    model.addAttribute("contacts", query.find(filter, PageLinks.page(page)));
    model.addAttribute("q", q);
    model.addAttribute("type", subscriberType);
    model.addAttribute("accountStatus", accountStatus);
    model.addAttribute("emailInvalid", emailInvalid);
    model.addAttribute("includeInactive", includeInactive);
    model.addAttribute("types", SubscriberType.values());
    model.addAttribute("statuses", AccountStatus.values());
    model.addAttribute(
        "base",
        PageLinks.base(
            "/interlocuteurs",
            PageLinks.filters(
                "q", q,
                "type", subscriberType,
                "acces", accountStatus,
                "invalide", emailInvalid,
                "inactifs", includeInactive)));
    return "pages/interlocuteurs";
  }

  @GetMapping("/interlocuteurs/{id}")
  String contact(@PathVariable long id, Model model) {
    ContactView contact = contacts.get(id);
    model.addAttribute("contact", contact);
    model.addAttribute("links", query.linksOf(id));
    model.addAttribute(
        "invitations",
        contact.account().id() == null
            ? List.of()
            : scoped.keepVisible(
                invitations.forAccount(contact.account().id()), InvitationView::dossierId));
    model.addAttribute("guestInvitations", query.guestInvitationsOf(id));
    model.addAttribute("account", accounts.forContact(id).orElse(null));
    return "pages/interlocuteur";
  }

  /**
   * Forgets the Microsoft identity the client's account kept (issue 23), once the box confirming it
   * is ticked: without it nothing changes. Twice is once.
   */
  @PostMapping("/interlocuteurs/{id}/identite-microsoft/oublier")
  String forgetMicrosoftIdentity(
      @PathVariable long id,
      @RequestParam(name = "confirmation", required = false) String confirmation,
      @AuthenticationPrincipal StaffPrincipal me,
      RedirectAttributes flash) {
    scoped.requireVisible(ScopedResources.Kind.CONTACT, id);
    if (!"oui".equals(confirmation)) {
      flash.addFlashAttribute(
          "failure",
          "Cochez la case de confirmation : l'identité Microsoft retenue n'a pas été oubliée.");
      return "redirect:/interlocuteurs/" + id;
    }
    return Flash.run(
        "/interlocuteurs/" + id,
        flash,
        "L'identité Microsoft retenue est oubliée : la prochaine connexion Microsoft du client"
            + " retiendra la sienne.",
        () -> contacts.forgetMicrosoftIdentity(id, me.actor()));
  }

  /** Corrects the address; a pending invitation goes again to the new one (the journey). */
  @PostMapping("/interlocuteurs/{id}/email")
  String correctEmail(
      @PathVariable long id,
      @RequestParam String email,
      @AuthenticationPrincipal StaffPrincipal me,
      RedirectAttributes flash) {
    return Flash.run(
        "/interlocuteurs/" + id,
        flash,
        "L'adresse e-mail est corrigée.",
        () -> contacts.changeEmail(id, email, me.actor()));
  }

  @PostMapping("/interlocuteurs/{id}/acces/{dossierId}/{linkId}/ged")
  String ged(
      @PathVariable long id,
      @PathVariable long dossierId,
      @PathVariable long linkId,
      @RequestParam boolean access,
      @AuthenticationPrincipal StaffPrincipal me,
      RedirectAttributes flash) {
    return Flash.run(
        "/interlocuteurs/" + id,
        flash,
        access ? "L'accès à la GED est rétabli." : "L'accès à la GED est révoqué.",
        () -> {
          if (access) {
            links.restoreGed(dossierId, linkId, me.actor());
          } else {
            links.revokeGed(dossierId, linkId, me.actor());
          }
        });
  }
}
