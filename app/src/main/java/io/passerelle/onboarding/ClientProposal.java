package io.passerelle.onboarding;

import io.passerelle.catalog.CatalogService;
import io.passerelle.catalog.OfferView;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.contact.LinkResult;
import io.passerelle.domain.Actor;
import io.passerelle.domain.DomainException;
import io.passerelle.domain.Locks;
import io.passerelle.dossier.DossierErrors;
import io.passerelle.dossier.DossierService;
import io.passerelle.notification.NotificationService;
import java.time.Clock;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * A client invites someone (seeds 003 and 004): an active holder invites a family member or an
 * employee, at most at their own level, to an offer active on the dossier; the contact and link are
 * made now, under those rules, and the dossier's staff are told.
 */
@Component
class ClientProposal {

  private final OnboardingRequests requests;
  private final DossierService dossiers;
  private final ContactService contacts;
  private final DossierLinkService links;
  private final CatalogService catalog;
  private final NotificationService notifications;
  private final Locks locks;
  private final Clock clock;

  ClientProposal(
      OnboardingRequests requests,
      DossierService dossiers,
      ContactService contacts,
      DossierLinkService links,
      CatalogService catalog,
      NotificationService notifications,
      Locks locks,
      Clock clock) {
    this.requests = requests;
    this.dossiers = dossiers;
    this.contacts = contacts;
    this.links = links;
    this.catalog = catalog;
    this.notifications = notifications;
    this.locks = locks;
    this.clock = clock;
  }

  OnboardingView propose(ProposeCollaborativeService command, Actor.Client client) {
    if (command.newContact() == null) {
      throw DomainException.invalid(
          OnboardingErrors.CONTACT_REQUIRED,
          "newContact",
          "Give the name and e-mail of the person you invite.");
    }
    if (command.holder()) {
      throw DomainException.forbidden(
          OnboardingErrors.HOLDER_BY_MANAGER_ONLY,
          "Only the dossier's manager makes someone a holder.");
    }
    OfferView offer = activeOnDossier(command.dossierId(), command.offerCode());
    String message = OnboardingRequests.customMessage(command.customMessage());
    contacts.check(command.newContact());
    LinkResult granted =
        links.grantByClient(
            command.dossierId(), command.newContact(), command.accessLevel(), client);
    long contactId = granted.link().contactId();
    locks.lock(
        "onboarding-request", command.dossierId() + ":contact-" + contactId + ":" + offer.code());
    requests.refuseDuplicate(command.dossierId(), contactId, offer.code());
    Onboarding onboarding =
        new Onboarding(
            command.dossierId(),
            contactId,
            null,
            granted.link().limitedTo(),
            granted.link().accessLevel(),
            false,
            offer.code(),
            offer.identity(),
            message,
            true,
            null,
            client.accountId(),
            null,
            clock.instant());
    OnboardingView saved = requests.record(onboarding, client);
    notifications.notifyAssignedStaff(
        command.dossierId(),
        "CLIENT_INVITED_SOMEONE",
        contactId,
        Map.of("onboardingId", saved.id(), "invitedByAccountId", client.accountId()),
        "client-invited/onboarding-" + saved.id());
    return saved;
  }

  /** The offer, in the catalogue and active on the dossier (a client sees only the tile's). */
  private OfferView activeOnDossier(long dossierId, String offerCode) {
    OfferView offer = catalog.activeOffer(offerCode);
    boolean onTile =
        dossiers.offers(dossierId).stream().anyMatch(o -> o.offerCode().equals(offer.code()));
    if (!onTile) {
      throw DomainException.conflict(
          DossierErrors.OFFER_NOT_ACTIVE,
          "offerCode",
          "The offer " + offer.name() + " is not active on this dossier.");
    }
    return offer;
  }
}
