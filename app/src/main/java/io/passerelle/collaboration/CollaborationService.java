package io.passerelle.collaboration;

import io.passerelle.account.AccountService;
import io.passerelle.account.AccountView;
import io.passerelle.activity.ActivityRecord;
import io.passerelle.activity.ActivityService;
import io.passerelle.activity.ActivityType;
import io.passerelle.catalog.CatalogService;
import io.passerelle.catalog.OfferView;
import io.passerelle.contact.ContactDeactivated;
import io.passerelle.contact.ContactErrors;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.ContactStatus;
import io.passerelle.contact.ContactView;
import io.passerelle.contact.DossierAccessWithdrawn;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.domain.Actor;
import io.passerelle.domain.CommonErrors;
import io.passerelle.domain.DomainException;
import io.passerelle.domain.Locks;
import io.passerelle.dossier.DossierErrors;
import io.passerelle.dossier.DossierService;
import io.passerelle.staff.StaffScope;
import jakarta.persistence.criteria.Predicate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Collaborative services (seed 001, step 3: "proposer un service collaboratif pour ce dossier"): an
 * offer proposed to a contact for a dossier, several per dossier for several contacts.
 *
 * <p>For the journey: {@link #propose} keyed by the onboarding id (finds or creates the client
 * account too, and says whether it is already active), then {@link #markInvited}, {@link
 * #activate}, {@link #cancel}, {@link #expire}; each idempotent. Proposing grants access, so only
 * the dossier's manager or the administrator may (the journey's command was checked when it
 * started).
 */
@Service
public class CollaborationService {

  private final StaffScope scopes;

  private static final Set<ServiceStatus> ENDED =
      EnumSet.of(ServiceStatus.CANCELLED, ServiceStatus.REVOKED);

  private final CollaborativeServiceRepository services;
  private final DossierService dossiers;
  private final ContactService contacts;
  private final DossierLinkService links;
  private final AccountService accounts;
  private final CatalogService catalog;
  private final ActivityService activity;
  private final Locks locks;
  private final Clock clock;

  CollaborationService(
      CollaborativeServiceRepository services,
      DossierService dossiers,
      ContactService contacts,
      DossierLinkService links,
      AccountService accounts,
      CatalogService catalog,
      ActivityService activity,
      Locks locks,
      Clock clock,
      StaffScope scopes) {
    this.scopes = scopes;
    this.services = services;
    this.dossiers = dossiers;
    this.contacts = contacts;
    this.links = links;
    this.accounts = accounts;
    this.catalog = catalog;
    this.activity = activity;
    this.locks = locks;
    this.clock = clock;
  }

  /**
   * Proposes the offer to the contact for the dossier. The offer must be active on the dossier
   * ({@code OFFER_NOT_ACTIVE}) and the contact linked to it ({@code CONTACT_NOT_LINKED}).
   * Idempotent by onboarding id, and by (dossier, contact, offer) while a service is live.
   */
  @Transactional
  public Proposal propose(ProposeService command, Actor actor) {
    if (command.onboardingId() != null) {
      locks.lock("service-onboarding", String.valueOf(command.onboardingId()));
      Optional<CollaborativeService> known = services.findByOnboardingId(command.onboardingId());
      if (known.isPresent()) {
        return proposal(known.get(), actor, false);
      }
    }
    if (actor instanceof Actor.Client) {
      throw DomainException.forbidden(
          DossierErrors.EXTERNAL_ACCESS_MANAGER_ONLY,
          "Only the dossier's manager or the office administrator proposes collaborative"
              + " services.");
    }
    dossiers.requireExternalAccessManager(command.dossierId(), actor);
    OfferView offer = activeOnDossier(command.dossierId(), command.offerCode());
    requireLinkedActiveContact(command.dossierId(), command.contactId());
    locks.lock("service", command.dossierId() + ":" + command.contactId() + ":" + offer.id());
    var live = services.findLive(command.dossierId(), command.contactId(), offer.id());
    if (live.isPresent()) {
      return proposal(live.get(), actor, false);
    }
    Long proposedBy =
        actor instanceof Actor.Staff staff
            ? Long.valueOf(staff.staffId())
            : command.proposedByStaffId();
    var service =
        services.saveAndFlush(
            new CollaborativeService(
                command.dossierId(),
                command.contactId(),
                offer.id(),
                command.onboardingId(),
                proposedBy,
                clock.instant()));
    activity.record(
        ActivityRecord.of(
                ActivityType.SERVICE_PROPOSED, actor, command.dossierId(), command.contactId())
            .with("serviceId", service.getId())
            .with("offerCode", offer.code()));
    return proposal(service, actor, true);
  }

  /** The offer, active in the catalogue and on the dossier ({@code OFFER_NOT_ACTIVE}). */
  private OfferView activeOnDossier(long dossierId, String offerCode) {
    OfferView offer = catalog.activeOffer(offerCode);
    boolean onTile =
        dossiers.offers(dossierId).stream().anyMatch(o -> o.offerCode().equals(offer.code()));
    if (!onTile) {
      throw DomainException.conflict(
          DossierErrors.OFFER_NOT_ACTIVE,
          "offerCode",
          "The offer " + offer.name() + " is not active on this dossier: activate it first.");
    }
    return offer;
  }

  /** The contact is active and has access to the dossier (a live link). */
  private void requireLinkedActiveContact(long dossierId, long contactId) {
    ContactView contact = contacts.get(contactId);
    if (contact.status() != ContactStatus.ACTIVE) {
      throw DomainException.conflict(ContactErrors.CONTACT_INACTIVE, "This contact is not active.");
    }
    if (links.liveLinkOf(dossierId, contactId).isEmpty()) {
      throw DomainException.conflict(
          CollaborationErrors.CONTACT_NOT_LINKED,
          "contactId",
          "Give this contact access to the dossier before proposing a service.");
    }
  }

  /** An invitation is out for this service (PROPOSED or EXPIRED → INVITED). Idempotent. */
  @Transactional
  public ServiceView markInvited(long serviceId, Actor actor) {
    CollaborativeService service = find(serviceId);
    if (service.getStatus() == ServiceStatus.ACTIVE) {
      return view(service);
    }
    return move(service, ServiceStatus.INVITED, ActivityType.SERVICE_INVITED, actor);
  }

  /** The client is on board (or already was): ACTIVE. Idempotent. */
  @Transactional
  public ServiceView activate(long serviceId, Actor actor) {
    return move(find(serviceId), ServiceStatus.ACTIVE, ActivityType.SERVICE_ACTIVATED, actor);
  }

  /** The onboarding was cancelled before the client came: CANCELLED. An active one is revoked. */
  @Transactional
  public ServiceView cancel(long serviceId, Actor actor) {
    CollaborativeService service = find(serviceId);
    if (service.getStatus() == ServiceStatus.ACTIVE) {
      throw DomainException.conflict(
          CollaborationErrors.SERVICE_ACTIVE,
          "This service is active: revoke it instead of cancelling it.");
    }
    if (!(actor instanceof Actor.SystemActor)) {
      dossiers.requireExternalAccessManager(service.getDossierId(), actor);
    }
    return move(service, ServiceStatus.CANCELLED, ActivityType.SERVICE_CANCELLED, actor);
  }

  /** The invitation expired unanswered. Idempotent; a later resend brings it back to INVITED. */
  @Transactional
  public ServiceView expire(long serviceId, Actor actor) {
    CollaborativeService service = find(serviceId);
    if (service.getStatus() == ServiceStatus.ACTIVE) {
      return view(service);
    }
    return move(service, ServiceStatus.EXPIRED, ActivityType.SERVICE_EXPIRED, actor);
  }

  /** Ends an active service (the client loses the offer on this dossier). Idempotent. */
  @Transactional
  public ServiceView revoke(long serviceId, Actor actor) {
    CollaborativeService service = find(serviceId);
    if (!(actor instanceof Actor.SystemActor)) {
      dossiers.requireExternalAccessManager(service.getDossierId(), actor);
    }
    return move(service, ServiceStatus.REVOKED, ActivityType.SERVICE_REVOKED, actor);
  }

  /** Remembers the process instance that carries this service's onboarding. */
  @Transactional
  public ServiceView attachProcessInstance(long serviceId, long processInstanceKey) {
    CollaborativeService service = find(serviceId);
    service.attachProcessInstance(processInstanceKey);
    services.saveAndFlush(service);
    return view(service);
  }

  @Transactional(readOnly = true)
  public ServiceView get(long serviceId) {
    return view(find(serviceId));
  }

  @Transactional(readOnly = true)
  public Optional<ServiceView> byOnboarding(long onboardingId) {
    return services.findByOnboardingId(onboardingId).map(this::view);
  }

  @Transactional(readOnly = true)
  public Page<ServiceView> list(ServiceFilter filter, Pageable pageable) {
    Long offerId =
        filter.offerCode() == null || filter.offerCode().isBlank()
            ? null
            : catalog.offer(filter.offerCode()).id();
    var scope = scopes.current();
    Specification<CollaborativeService> spec =
        (root, query, cb) -> {
          List<Predicate> where = new ArrayList<>();
          where.add(scope.dossier(cb, root.get("dossierId")));
          if (filter.dossierId() != null) {
            where.add(cb.equal(root.get("dossierId"), filter.dossierId()));
          }
          if (filter.contactId() != null) {
            where.add(cb.equal(root.get("contactId"), filter.contactId()));
          }
          if (filter.status() != null) {
            where.add(cb.equal(root.get("status"), filter.status()));
          }
          if (offerId != null) {
            where.add(cb.equal(root.get("offerId"), offerId));
          }
          return cb.and(where.toArray(Predicate[]::new));
        };
    return services.findAll(spec, pageable).map(this::view);
  }

  // ---- reactions to the contact feature, inside its transaction ----

  @EventListener
  void onAccessWithdrawn(DossierAccessWithdrawn withdrawn) {
    services
        .findByDossierIdAndContactIdAndStatusIn(
            withdrawn.dossierId(), withdrawn.contactId(), ServiceStatus.LIVE)
        .forEach(service -> end(service, withdrawn.actor()));
  }

  @EventListener
  void onContactDeactivated(ContactDeactivated deactivated) {
    services
        .findByContactIdAndStatusIn(deactivated.contactId(), ServiceStatus.LIVE)
        .forEach(service -> end(service, deactivated.actor()));
  }

  // ---- inside ----

  private void end(CollaborativeService service, Actor actor) {
    if (service.getStatus() == ServiceStatus.ACTIVE) {
      move(service, ServiceStatus.REVOKED, ActivityType.SERVICE_REVOKED, actor);
    } else {
      move(service, ServiceStatus.CANCELLED, ActivityType.SERVICE_CANCELLED, actor);
    }
  }

  private ServiceView move(
      CollaborativeService service, ServiceStatus next, ActivityType type, Actor actor) {
    if (service.getStatus() != next && ENDED.contains(service.getStatus())) {
      throw DomainException.conflict(
          CollaborationErrors.SERVICE_ENDED,
          "This service is " + service.getStatus() + ": propose a new one instead.");
    }
    if (service.moveTo(next, clock.instant())) {
      services.saveAndFlush(service);
      activity.record(
          ActivityRecord.of(type, actor, service.getDossierId(), service.getContactId())
              .with("serviceId", service.getId()));
    }
    return view(service);
  }

  private Proposal proposal(CollaborativeService service, Actor actor, boolean created) {
    ContactView contact = contacts.get(service.getContactId());
    AccountView account = accounts.findOrCreate(service.getContactId(), contact.email(), actor);
    return new Proposal(view(service), account.id(), account.active(), created);
  }

  private CollaborativeService find(long id) {
    return services
        .findById(id)
        .orElseThrow(
            () ->
                DomainException.notFound(
                    CommonErrors.SERVICE_NOT_FOUND,
                    "No collaborative service has the id " + id + "."));
  }

  private ServiceView view(CollaborativeService service) {
    return service.view(catalog.offer(service.getOfferId()).code());
  }
}
