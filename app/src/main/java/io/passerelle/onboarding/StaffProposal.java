package io.passerelle.onboarding;

import io.passerelle.catalog.CatalogService;
import io.passerelle.catalog.OfferView;
import io.passerelle.contact.AccessLevel;
import io.passerelle.contact.ContactErrors;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.ContactStatus;
import io.passerelle.contact.ContactView;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.contact.LinkTerms;
import io.passerelle.contact.NewContact;
import io.passerelle.domain.Actor;
import io.passerelle.domain.DomainException;
import io.passerelle.domain.EmailAddresses;
import io.passerelle.domain.Locks;
import io.passerelle.dossier.DossierService;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The firm proposes an offer (seed 003): the dossier's manager or the office administrator, to an
 * existing contact or to a new one (made by the journey's step, under the same rules checked now),
 * or one item of a bulk invitation.
 */
@Component
class StaffProposal {

  private final OnboardingRepository onboardings;
  private final OnboardingRequests requests;
  private final DossierService dossiers;
  private final ContactService contacts;
  private final DossierLinkService links;
  private final CatalogService catalog;
  private final Locks locks;
  private final Clock clock;

  StaffProposal(
      OnboardingRepository onboardings,
      OnboardingRequests requests,
      DossierService dossiers,
      ContactService contacts,
      DossierLinkService links,
      CatalogService catalog,
      Locks locks,
      Clock clock) {
    this.onboardings = onboardings;
    this.requests = requests;
    this.dossiers = dossiers;
    this.contacts = contacts;
    this.links = links;
    this.catalog = catalog;
    this.locks = locks;
    this.clock = clock;
  }

  OnboardingView propose(ProposeCollaborativeService command, Actor.Staff staff) {
    dossiers.requireExternalAccessManager(command.dossierId(), staff);
    OfferView offer = catalog.activeOffer(command.offerCode());
    String message = OnboardingRequests.customMessage(command.customMessage());
    if ((command.contactId() == null) == (command.newContact() == null)) {
      throw DomainException.invalid(
          OnboardingErrors.CONTACT_REQUIRED,
          "contactId",
          "Choose an existing contact, or give the new contact's details (not both).");
    }
    LinkTerms terms = new LinkTerms(command.limitedTo(), command.accessLevel(), command.holder());
    Invitee invitee =
        command.contactId() != null
            ? existing(command.contactId(), terms)
            : byAddress(command.newContact(), terms);
    locks.lock(
        "onboarding-request", command.dossierId() + ":" + invitee.lockKey() + ":" + offer.code());
    if (invitee.contactId() != null) {
      requests.refuseDuplicate(command.dossierId(), invitee.contactId(), offer.code());
    } else {
      requests.refuseRunningForAddress(
          command.dossierId(),
          offer.code(),
          EmailAddresses.comparable(command.newContact().email()));
    }
    Onboarding onboarding =
        new Onboarding(
            command.dossierId(),
            invitee.contactId(),
            invitee.newContact(),
            LinkTerms.scope(command.limitedTo()),
            command.accessLevel() == null ? AccessLevel.READ_ONLY : command.accessLevel(),
            command.holder(),
            offer.code(),
            offer.identity(),
            message,
            command.sendNow(),
            staff.staffId(),
            null,
            null,
            clock.instant());
    return requests.record(onboarding, staff);
  }

  /**
   * One item of a bulk invitation: an existing contact, linked to the dossier already, invited by
   * the staff member who started the bulk. Idempotent per item: the item's onboarding is returned
   * when it exists.
   */
  OnboardingView forBulkItem(
      long bulkItemId,
      long dossierId,
      long contactId,
      String offerCode,
      String customMessage,
      long staffId) {
    locks.lock("onboarding-bulk-item", String.valueOf(bulkItemId));
    Optional<Onboarding> known = onboardings.findByBulkItemId(bulkItemId);
    if (known.isPresent()) {
      return known.get().view();
    }
    var link = links.liveLinkOf(dossierId, contactId);
    Onboarding onboarding =
        new Onboarding(
            dossierId,
            contactId,
            null,
            link.map(l -> l.limitedTo()).orElse(null),
            link.map(l -> l.accessLevel()).orElse(AccessLevel.READ_ONLY),
            link.map(l -> l.holder()).orElse(false),
            offerCode,
            catalog.offer(offerCode).identity(),
            customMessage,
            true,
            staffId,
            null,
            bulkItemId,
            clock.instant());
    return requests.record(onboarding, Actor.system("bulk invitation"));
  }

  /** An existing contact, active, whose type allows the terms. */
  private Invitee existing(long contactId, LinkTerms terms) {
    ContactView contact = contacts.get(contactId);
    if (contact.status() != ContactStatus.ACTIVE) {
      throw DomainException.conflict(
          ContactErrors.CONTACT_INACTIVE,
          "contactId",
          "This contact is not active: reactivate it first.");
    }
    links.checkTerms(contact.subscriberType(), contact.consultationOnly(), terms);
    // the same lock as a proposal to this address as a new contact: the two paths exclude each
    // other
    String lockKey =
        contact.email() == null
            ? "contact-" + contactId
            : "email-" + EmailAddresses.comparable(contact.email());
    return new Invitee(contactId, null, lockKey);
  }

  /**
   * A new contact's details: the active contact at that address when there is one, else the details
   * kept for the journey's step to create the contact.
   */
  private Invitee byAddress(NewContact data, LinkTerms terms) {
    contacts.check(data);
    String lockKey = "email-" + EmailAddresses.comparable(data.email());
    Optional<ContactView> existing = contacts.byEmail(data.email());
    if (existing.isPresent() && existing.get().status() == ContactStatus.ACTIVE) {
      links.checkTerms(existing.get().subscriberType(), existing.get().consultationOnly(), terms);
      return new Invitee(existing.get().id(), null, lockKey);
    }
    links.checkTerms(data.subscriberType(), data.consultationOnly(), terms);
    return new Invitee(null, NewContactJson.write(data), lockKey);
  }

  /** Who is invited: a contact, or the new contact's details; and the lock both paths share. */
  private record Invitee(Long contactId, String newContact, String lockKey) {}
}
