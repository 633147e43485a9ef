package io.passerelle.onboarding;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.passerelle.account.InvitationService;
import io.passerelle.account.InvitationView;
import io.passerelle.activity.ActivityRecord;
import io.passerelle.activity.ActivityService;
import io.passerelle.activity.ActivityType;
import io.passerelle.catalog.CatalogService;
import io.passerelle.catalog.OfferView;
import io.passerelle.collaboration.CollaborationErrors;
import io.passerelle.collaboration.CollaborationService;
import io.passerelle.collaboration.ServiceFilter;
import io.passerelle.collaboration.ServiceStatus;
import io.passerelle.contact.AccessLevel;
import io.passerelle.contact.ContactErrors;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.ContactStatus;
import io.passerelle.contact.ContactView;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.contact.LinkResult;
import io.passerelle.contact.LinkTerms;
import io.passerelle.contact.NewContact;
import io.passerelle.domain.Actor;
import io.passerelle.domain.CommonErrors;
import io.passerelle.domain.DomainException;
import io.passerelle.domain.EmailAddresses;
import io.passerelle.domain.Locks;
import io.passerelle.domain.Texts;
import io.passerelle.dossier.DossierErrors;
import io.passerelle.dossier.DossierService;
import io.passerelle.engine.EngineException;
import io.passerelle.engine.EngineUnavailableException;
import io.passerelle.engine.OpenUserTask;
import io.passerelle.engine.ProcessEngine;
import io.passerelle.notification.NotificationService;
import io.passerelle.processes.ProcessNames.Elements;
import io.passerelle.processes.ProcessNames.FollowUpDecisions;
import io.passerelle.processes.ProcessNames.Messages;
import io.passerelle.processes.ProcessNames.Variables;
import io.passerelle.staff.StaffScope;
import jakarta.persistence.criteria.Predicate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The journey's commands: propose a collaborative service (which starts {@code
 * Process_ClientOnboarding}), send a kept invitation now, resend, cancel. The request is checked
 * here, at once, with the same rules the steps apply later, so that a person gets a clear answer
 * instead of a process that ends "rejected" a second later; the process still handles a rule that
 * fails later (an offer withdrawn from the catalogue in between, say).
 *
 * <p>Nothing talks to the engine inside a transaction that may still roll back: the process is
 * started after the commit ({@link OnboardingStarter}, the STARTING row being the durable order),
 * and messages are written to the engine command outbox in the command's transaction and relayed
 * after its commit ({@link JourneyMessages}). The one exception: a resend while the follow-up task
 * is open completes that task at once, because the engine's answer decides the reply (a task
 * completed meanwhile elsewhere is a 409); an engine down then is a 503 and nothing is recorded.
 */
@Service
public class OnboardingService {

  private final StaffScope scopes;

  static final EnumSet<OnboardingStatus> RUNNING =
      EnumSet.of(OnboardingStatus.STARTING, OnboardingStatus.IN_PROGRESS);

  /** A resend within this time of the link's issue changes nothing (a double click). */
  static final Duration RESEND_QUIET_PERIOD = Duration.ofMinutes(1);

  private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();

  private final OnboardingRepository onboardings;
  private final DossierService dossiers;
  private final ContactService contacts;
  private final DossierLinkService links;
  private final CatalogService catalog;
  private final CollaborationService collaboration;
  private final InvitationService invitations;
  private final ActivityService activity;
  private final NotificationService notifications;
  private final OnboardingStarter starter;
  private final JourneyMessages messages;
  private final ProcessEngine engine;
  private final Locks locks;
  private final Clock clock;

  OnboardingService(
      OnboardingRepository onboardings,
      DossierService dossiers,
      ContactService contacts,
      DossierLinkService links,
      CatalogService catalog,
      CollaborationService collaboration,
      InvitationService invitations,
      ActivityService activity,
      NotificationService notifications,
      OnboardingStarter starter,
      JourneyMessages messages,
      ProcessEngine engine,
      Locks locks,
      Clock clock,
      StaffScope scopes) {
    this.scopes = scopes;
    this.onboardings = onboardings;
    this.dossiers = dossiers;
    this.contacts = contacts;
    this.links = links;
    this.catalog = catalog;
    this.collaboration = collaboration;
    this.invitations = invitations;
    this.activity = activity;
    this.notifications = notifications;
    this.starter = starter;
    this.messages = messages;
    this.engine = engine;
    this.locks = locks;
    this.clock = clock;
  }

  /**
   * Proposes the offer to the contact for the dossier and starts the onboarding. Staff: the
   * dossier's manager or the office administrator (seed 003). A client: an active holder inviting a
   * family member or an employee, at most at their own level (seeds 003 and 004); their contact and
   * link are made now, under those rules.
   */
  @Transactional
  public OnboardingView propose(ProposeCollaborativeService command, Actor actor) {
    return switch (actor) {
      case Actor.Staff staff -> proposeByStaff(command, staff);
      case Actor.Client client -> proposeByClient(command, client);
      case Actor.SystemActor ignored ->
          throw new IllegalArgumentException("the system proposes through a bulk invitation");
    };
  }

  /**
   * One item of a bulk invitation: an existing contact, linked to the dossier already, invited by
   * the staff member who started the bulk. Idempotent per item: the item's onboarding is returned
   * when it exists.
   */
  @Transactional
  OnboardingView proposeForBulkItem(
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
            customMessage,
            true,
            staffId,
            null,
            bulkItemId,
            clock.instant());
    return save(onboarding, Actor.system("bulk invitation"));
  }

  @Transactional(readOnly = true)
  public OnboardingView get(long id) {
    return find(id).view();
  }

  @Transactional(readOnly = true)
  public Optional<OnboardingView> byInvitationProcess(long invitationProcessKey) {
    return onboardings.findByInvitationProcessKey(invitationProcessKey).map(Onboarding::view);
  }

  @Transactional(readOnly = true)
  public Optional<OnboardingView> byProcessInstance(long processInstanceKey) {
    return onboardings.findByProcessInstanceKey(processInstanceKey).map(Onboarding::view);
  }

  @Transactional(readOnly = true)
  public Page<OnboardingView> list(OnboardingFilter filter, Pageable pageable) {
    var scope = scopes.current();
    Specification<Onboarding> spec =
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
          if (filter.offerCode() != null && !filter.offerCode().isBlank()) {
            where.add(cb.equal(root.get("offerCode"), filter.offerCode()));
          }
          if (filter.bulkId() != null) {
            var items = query.subquery(Long.class);
            var item = items.from(BulkInvitationItem.class);
            items.select(item.get("id")).where(cb.equal(item.get("bulkId"), filter.bulkId()));
            where.add(root.get("bulkItemId").in(items));
          }
          return cb.and(where.toArray(Predicate[]::new));
        };
    return onboardings.findAll(spec, pageable).map(Onboarding::view);
  }

  /**
   * "Send the invitation now" for an onboarding proposed with "send later" (seed 002: access
   * granted, invitation not sent). Asking again changes nothing: the order is given once.
   */
  @Transactional
  public OnboardingView sendNow(long onboardingId, Actor actor) {
    Onboarding onboarding = requireRunning(onboardingId, actor);
    if (onboarding.isSendNow()) {
      // proposed with "send now": the invitation is on its way or out
      return onboarding.view();
    }
    boolean first =
        activity.record(
            ActivityRecord.of(
                    ActivityType.INVITATION_SEND_REQUESTED,
                    actor,
                    onboarding.getDossierId(),
                    onboarding.getContactId())
                .with("onboardingId", onboardingId)
                .dedupKey("send-now/onboarding-" + onboardingId));
    if (first) {
      messages.afterCommit(
          Messages.SEND_INVITATION_NOW, onboardingId, "once", JourneyMessages.SHORT_TTL);
    }
    return onboarding.view();
  }

  /**
   * Resends the invitation (seeds 000 and 002): a new link goes out, the old one dies, and the
   * reminder schedule restarts from now. While the stalled-activation follow-up task is open, this
   * is that task's "resend" decision; an invitation kept for later is sent now. Resending the same
   * pending invitation twice sends one new link, and a resend within a minute of a resent link's
   * issue changes nothing (a double click that arrives after the new link is out).
   */
  @Transactional
  public OnboardingView resend(long onboardingId, Actor actor) {
    Onboarding onboarding = requireRunning(onboardingId, actor);
    List<InvitationView> sent = invitations.forOnboarding(onboardingId);
    if (sent.isEmpty()) {
      return sendNow(onboardingId, actor);
    }
    Optional<OpenUserTask> task = openTaskOf(onboarding);
    if (task.isPresent()) {
      if (Elements.USER_TASK_CORRECT_CONTACT_EMAIL.equals(task.get().elementId())) {
        throw DomainException.conflict(
            OnboardingErrors.EMAIL_CORRECTION_PENDING,
            "The last invitation bounced: correct the contact's e-mail address first (task"
                + " \"Corriger l'adresse e-mail\").");
      }
      try {
        engine.completeUserTask(
            task.get().userTaskKey(),
            Map.of(
                Variables.FOLLOW_UP_DECISION,
                FollowUpDecisions.RESEND,
                Variables.FOLLOW_UP_NOTE,
                ""));
      } catch (EngineUnavailableException unavailable) {
        throw unavailable;
      } catch (EngineException refused) {
        // the command's answer, not the (possibly lagging) search, decides: the task was
        // completed meanwhile (in Tasklist, by a colleague), so nothing is resent twice
        throw DomainException.conflict(
            OnboardingErrors.FOLLOW_UP_ALREADY_DECIDED,
            "The follow-up task was completed meanwhile (in Tasklist or by a colleague): nothing"
                + " was resent; reload to see where the invitation stands.");
      }
      recordResend(onboarding, actor, sent.getFirst().id());
      return onboarding.view();
    }
    InvitationView latest = sent.getFirst();
    if (sent.size() > 1
        && latest.status().live()
        && latest.createdAt().isAfter(clock.instant().minus(RESEND_QUIET_PERIOD))) {
      // a resend's new link went out moments ago (a double click, two people at once): nothing more
      return onboarding.view();
    }
    if (!latest.status().live()) {
      throw DomainException.conflict(
          OnboardingErrors.INVITATION_NOT_PENDING,
          "The invitation is "
              + latest.status()
              + ": there is no pending invitation to resend right now.");
    }
    if (recordResend(onboarding, actor, latest.id())) {
      messages.afterCommit(
          Messages.INVITATION_RESENT,
          onboardingId,
          "invitation-" + latest.id(),
          JourneyMessages.SHORT_TTL);
    }
    return onboarding.view();
  }

  /**
   * Cancels the onboarding's invitation (seed 002: "the user can no longer sign in with the link"):
   * the live link dies at once, no reminder follows, and the process ends "cancelled" (a follow-up
   * or correction task still open is withdrawn). An onboarding already ended stays as it is;
   * cancelling twice changes nothing.
   */
  @Transactional
  public OnboardingView cancel(long onboardingId, Actor actor) {
    Onboarding onboarding = find(onboardingId);
    dossiers.requireExternalAccessManager(onboarding.getDossierId(), actor);
    if (onboarding.getStatus() == OnboardingStatus.CANCELLED) {
      return onboarding.view();
    }
    if (onboarding.getStatus().ended()) {
      throw DomainException.conflict(
          OnboardingErrors.ONBOARDING_ENDED,
          "This onboarding is " + onboarding.getStatus() + ": there is nothing left to cancel.");
    }
    if (onboarding.getServiceId() != null
        && collaboration.get(onboarding.getServiceId()).status() == ServiceStatus.ACTIVE) {
      throw DomainException.conflict(
          CollaborationErrors.SERVICE_ACTIVE,
          "The client has activated their access already: revoke the service instead.");
    }
    for (InvitationView invitation : invitations.forOnboarding(onboardingId)) {
      if (invitation.status().live()) {
        invitations.cancel(invitation.id(), actor);
      }
    }
    messages.afterCommit(
        Messages.INVITATION_CANCELLED, onboardingId, "cancel", JourneyMessages.CANCEL_TTL);
    return onboarding.view();
  }

  /**
   * The mail system reports that an invitation bounced (a delivery status notification that came
   * after the SMTP server had accepted the mail): the journey marks it BOUNCED, sends no more
   * reminders to that address and asks the dossier's manager to correct it. Reporting it twice
   * changes nothing.
   */
  @Transactional
  public OnboardingView reportBounce(long invitationId, Actor actor) {
    InvitationView invitation = invitations.get(invitationId);
    if (invitation.onboardingId() == null) {
      throw DomainException.conflict(
          OnboardingErrors.NOT_AN_ONBOARDING, "This invitation was not sent by an onboarding.");
    }
    Onboarding onboarding = requireRunning(invitation.onboardingId(), actor);
    if (!invitation.status().live()) {
      throw DomainException.conflict(
          OnboardingErrors.INVITATION_NOT_PENDING,
          "The invitation is " + invitation.status() + ": a bounce no longer matters.");
    }
    messages.afterCommit(
        Messages.EMAIL_BOUNCED,
        onboarding.getId(),
        "invitation-" + invitationId,
        JourneyMessages.SHORT_TTL);
    return onboarding.view();
  }

  // ---- inside ----

  private OnboardingView proposeByStaff(ProposeCollaborativeService command, Actor.Staff staff) {
    dossiers.requireExternalAccessManager(command.dossierId(), staff);
    OfferView offer = catalog.activeOffer(command.offerCode());
    String message = customMessage(command.customMessage());
    if ((command.contactId() == null) == (command.newContact() == null)) {
      throw DomainException.invalid(
          OnboardingErrors.CONTACT_REQUIRED,
          "contactId",
          "Choose an existing contact, or give the new contact's details (not both).");
    }
    LinkTerms terms = new LinkTerms(command.limitedTo(), command.accessLevel(), command.holder());
    Long contactId = command.contactId();
    String newContact = null;
    String lockKey;
    if (contactId != null) {
      ContactView contact = contacts.get(contactId);
      if (contact.status() != ContactStatus.ACTIVE) {
        throw DomainException.conflict(
            ContactErrors.CONTACT_INACTIVE,
            "contactId",
            "This contact is not active: reactivate it first.");
      }
      links.checkTerms(contact.subscriberType(), contact.consultationOnly(), terms);
      // the same lock as a proposal to this address as a new contact: the two paths exclude
      // each other
      lockKey =
          contact.email() == null
              ? "contact-" + contactId
              : "email-" + EmailAddresses.comparable(contact.email());
    } else {
      NewContact data = command.newContact();
      contacts.check(data);
      Optional<ContactView> existing = contacts.byEmail(data.email());
      if (existing.isPresent() && existing.get().status() == ContactStatus.ACTIVE) {
        contactId = existing.get().id();
        links.checkTerms(existing.get().subscriberType(), existing.get().consultationOnly(), terms);
      } else {
        links.checkTerms(data.subscriberType(), data.consultationOnly(), terms);
        newContact = write(data);
      }
      lockKey = "email-" + EmailAddresses.comparable(data.email());
    }
    locks.lock("onboarding-request", command.dossierId() + ":" + lockKey + ":" + offer.code());
    if (contactId != null) {
      refuseDuplicate(command.dossierId(), contactId, offer.code());
    } else {
      // concurrent proposals to the same new address: the first holds the lock until it commits,
      // the others then find its onboarding here (before, each made one: five onboardings, mails)
      onboardings
          .runningForAddress(
              command.dossierId(),
              offer.code(),
              EmailAddresses.comparable(command.newContact().email()))
          .stream()
          .findFirst()
          .ifPresent(
              id -> {
                throw alreadyRunning(id);
              });
    }
    Onboarding onboarding =
        new Onboarding(
            command.dossierId(),
            contactId,
            newContact,
            LinkTerms.scope(command.limitedTo()),
            command.accessLevel() == null ? AccessLevel.READ_ONLY : command.accessLevel(),
            command.holder(),
            offer.code(),
            message,
            command.sendNow(),
            staff.staffId(),
            null,
            null,
            clock.instant());
    return save(onboarding, staff);
  }

  private OnboardingView proposeByClient(ProposeCollaborativeService command, Actor.Client client) {
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
    OfferView offer = catalog.activeOffer(command.offerCode());
    boolean onTile =
        dossiers.offers(command.dossierId()).stream()
            .anyMatch(o -> o.offerCode().equals(offer.code()));
    if (!onTile) {
      throw DomainException.conflict(
          DossierErrors.OFFER_NOT_ACTIVE,
          "offerCode",
          "The offer " + offer.name() + " is not active on this dossier.");
    }
    String message = customMessage(command.customMessage());
    contacts.check(command.newContact());
    LinkResult granted =
        links.grantByClient(
            command.dossierId(), command.newContact(), command.accessLevel(), client);
    long contactId = granted.link().contactId();
    locks.lock(
        "onboarding-request", command.dossierId() + ":contact-" + contactId + ":" + offer.code());
    refuseDuplicate(command.dossierId(), contactId, offer.code());
    Onboarding onboarding =
        new Onboarding(
            command.dossierId(),
            contactId,
            null,
            granted.link().limitedTo(),
            granted.link().accessLevel(),
            false,
            offer.code(),
            message,
            true,
            null,
            client.accountId(),
            null,
            clock.instant());
    OnboardingView saved = save(onboarding, client);
    notifications.notifyAssignedStaff(
        command.dossierId(),
        "CLIENT_INVITED_SOMEONE",
        contactId,
        Map.of("onboardingId", saved.id(), "invitedByAccountId", client.accountId()),
        "client-invited/onboarding-" + saved.id());
    return saved;
  }

  private void refuseDuplicate(long dossierId, long contactId, String offerCode) {
    if (onboardings.existsRunning(dossierId, contactId, offerCode)) {
      throw alreadyRunning(
          onboardings.runningIds(dossierId, contactId, offerCode).stream()
              .findFirst()
              .orElse(null));
    }
    boolean active =
        collaboration
            .list(
                new ServiceFilter(dossierId, contactId, ServiceStatus.ACTIVE, offerCode),
                PageRequest.of(0, 1))
            .hasContent();
    if (active) {
      throw DomainException.conflict(
          OnboardingErrors.SERVICE_ALREADY_ACTIVE,
          "This contact already has this offer on this dossier.");
    }
  }

  /** 409 ONBOARDING_ALREADY_RUNNING, with the running onboarding's id and link. */
  private static DomainException alreadyRunning(Long onboardingId) {
    var refusal =
        DomainException.conflict(
            OnboardingErrors.ONBOARDING_ALREADY_RUNNING,
            "An onboarding to this offer is already running for this contact on this dossier:"
                + " resend or cancel its invitation instead.");
    if (onboardingId != null) {
      refusal
          .with("onboardingId", onboardingId)
          .with("onboarding", "/api/onboardings/" + onboardingId);
    }
    return refusal;
  }

  private OnboardingView save(Onboarding onboarding, Actor actor) {
    Onboarding saved = onboardings.saveAndFlush(onboarding);
    activity.record(
        ActivityRecord.of(
                ActivityType.ONBOARDING_REQUESTED,
                actor,
                saved.getDossierId(),
                saved.getContactId())
            .with("onboardingId", saved.getId())
            .with("offerCode", saved.getOfferCode())
            .with("sendNow", saved.isSendNow()));
    starter.startAfterCommit(saved.getId());
    return saved.view();
  }

  private boolean recordResend(Onboarding onboarding, Actor actor, long invitationId) {
    return activity.record(
        ActivityRecord.of(
                ActivityType.INVITATION_RESEND_REQUESTED,
                actor,
                onboarding.getDossierId(),
                onboarding.getContactId())
            .with("onboardingId", onboarding.getId())
            .with("invitationId", invitationId)
            .dedupKey("resend/invitation-" + invitationId));
  }

  private Optional<OpenUserTask> openTaskOf(Onboarding onboarding) {
    if (onboarding.getInvitationProcessKey() == null) {
      return Optional.empty();
    }
    long key = onboarding.getInvitationProcessKey();
    return engine.openUserTasks(key).stream().findFirst();
  }

  private Onboarding requireRunning(long onboardingId, Actor actor) {
    Onboarding onboarding = find(onboardingId);
    dossiers.requireExternalAccessManager(onboarding.getDossierId(), actor);
    if (!RUNNING.contains(onboarding.getStatus())) {
      throw DomainException.conflict(
          OnboardingErrors.ONBOARDING_ENDED,
          "This onboarding is " + onboarding.getStatus() + ": its invitation cannot change.");
    }
    return onboarding;
  }

  private static String customMessage(String message) {
    String text = Texts.trimToNull(message);
    if (text != null && text.length() > InvitationService.MAX_CUSTOM_MESSAGE) {
      throw DomainException.invalid(
          CommonErrors.TOO_LONG,
          "customMessage",
          "A custom message has at most " + InvitationService.MAX_CUSTOM_MESSAGE + " characters.");
    }
    return text;
  }

  Onboarding find(long id) {
    return onboardings
        .findById(id)
        .orElseThrow(
            () ->
                DomainException.notFound(
                    CommonErrors.ONBOARDING_NOT_FOUND, "No onboarding has the id " + id + "."));
  }

  static String write(NewContact contact) {
    try {
      return JSON.writeValueAsString(contact);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write the new contact's data", e);
    }
  }

  static NewContact read(String json) {
    try {
      return JSON.readValue(json, NewContact.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot read the new contact's data", e);
    }
  }
}
