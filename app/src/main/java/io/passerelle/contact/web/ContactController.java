package io.passerelle.contact.web;

import io.passerelle.account.AccountStatus;
import io.passerelle.contact.AdvisorType;
import io.passerelle.contact.ContactChanges;
import io.passerelle.contact.ContactEmailChanged;
import io.passerelle.contact.ContactFilter;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.ContactStatus;
import io.passerelle.contact.ContactView;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.contact.Language;
import io.passerelle.contact.LinkView;
import io.passerelle.contact.NewContactRequest;
import io.passerelle.contact.SubscriberType;
import io.passerelle.staff.ScopedResources;
import io.passerelle.staff.StaffPrincipal;
import io.passerelle.web.ApiPaging;
import io.passerelle.web.PlainText;
import io.passerelle.web.ValidEmail;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PageableDefault;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/contacts}: the firm's interlocutors (seed 000). */
@RestController
@RequestMapping("/api/contacts")
class ContactController {

  private static final Set<String> SORTABLE =
      Set.of("lastName", "firstName", "companyName", "email", "createdAt", "id");

  private final ContactService contacts;
  private final DossierLinkService links;
  private final ScopedResources scoped;

  ContactController(ContactService contacts, DossierLinkService links, ScopedResources scoped) {
    this.contacts = contacts;
    this.links = links;
    this.scoped = scoped;
  }

  /**
   * Lists contacts; {@code accountStatus} filters by the state of their client account (NOT_INVITED
   * includes those without one), {@code emailInvalid=true} those whose address bounced.
   */
  @GetMapping
  Page<ContactView> list(
      @RequestParam(required = false) String q,
      @RequestParam(required = false) ContactStatus status,
      @RequestParam(required = false) SubscriberType subscriberType,
      @RequestParam(required = false) AccountStatus accountStatus,
      @RequestParam(required = false) Boolean emailInvalid,
      @RequestParam(required = false) Long dossierId,
      @PageableDefault(sort = {"lastName", "firstName"}) Pageable pageable) {
    return contacts.list(
        new ContactFilter(q, status, subscriberType, accountStatus, emailInvalid, dossierId),
        ApiPaging.check(pageable, SORTABLE));
  }

  @PostMapping
  ResponseEntity<ContactView> create(
      @Valid @RequestBody NewContactRequest request, @AuthenticationPrincipal StaffPrincipal me) {
    ContactView created = contacts.create(request.command(), me.actor());
    return ResponseEntity.created(URI.create("/api/contacts/" + created.id())).body(created);
  }

  @GetMapping("/{id}")
  ContactView get(@PathVariable long id) {
    return contacts.get(id);
  }

  /**
   * Changes a contact. A new e-mail while an invitation is pending kills the old link: the answer's
   * {@code invitationRequired} says a new invitation is needed.
   */
  @PatchMapping("/{id}")
  ContactUpdated update(
      @PathVariable long id,
      @Valid @RequestBody UpdateContactRequest request,
      @AuthenticationPrincipal StaffPrincipal me) {
    ContactService.Changed changed =
        contacts.change(
            id,
            new ContactChanges(
                request.firstName(),
                request.lastName(),
                request.companyName(),
                request.nameComplement(),
                request.subscriberType(),
                request.advisorType(),
                request.email(),
                request.phone(),
                request.organisationalRoleCode(),
                request.consultationOnly(),
                request.language()),
            me.actor());
    ContactEmailChanged emailChange = changed.emailChange();
    ContactView view = changed.contact();
    return new ContactUpdated(
        view,
        emailChange != null && emailChange.invitationRequired(),
        emailChange == null
            ? List.of()
            : emailChange.killedInvitations().stream().map(k -> k.invitationId()).toList());
  }

  /**
   * Deletes a contact without history (204); one with history is deactivated instead (200, its new
   * state in the body). Erasure is {@code POST /api/contacts/{id}/erasure}.
   */
  @DeleteMapping("/{id}")
  ResponseEntity<ContactView> delete(
      @PathVariable long id, @AuthenticationPrincipal StaffPrincipal me) {
    var outcome = contacts.delete(id, me.actor());
    return outcome == ContactService.Deletion.DELETED
        ? ResponseEntity.noContent().build()
        : ResponseEntity.ok(contacts.get(id));
  }

  @PostMapping("/{id}/reactivation")
  ContactView reactivate(@PathVariable long id, @AuthenticationPrincipal StaffPrincipal me) {
    return contacts.reactivate(id, me.actor());
  }

  /** GDPR erasure by the office administrator: anonymises the contact and its account. */
  @PostMapping("/{id}/erasure")
  ContactView erase(@PathVariable long id, @AuthenticationPrincipal StaffPrincipal me) {
    return contacts.erase(id, me.actor());
  }

  @GetMapping("/{id}/links")
  List<LinkView> links(
      @PathVariable long id, @RequestParam(defaultValue = "false") boolean includeWithdrawn) {
    return scoped.keepVisible(links.forContact(id, includeWithdrawn), LinkView::dossierId);
  }

  record UpdateContactRequest(
      @Size(max = 100) @PlainText String firstName,
      @Size(max = 100) @PlainText String lastName,
      @Size(max = 200) @PlainText String companyName,
      @Size(max = 100) @PlainText String nameComplement,
      SubscriberType subscriberType,
      AdvisorType advisorType,
      @Size(max = 254) @ValidEmail String email,
      @Size(max = 30) @PlainText String phone,
      @Size(max = 40) String organisationalRoleCode,
      Boolean consultationOnly,
      Language language) {}

  /** The contact after the change, and whether a pending invitation's link died. */
  record ContactUpdated(
      ContactView contact, boolean invitationRequired, List<Long> killedInvitationIds) {}
}
