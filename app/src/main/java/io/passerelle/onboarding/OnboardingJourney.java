package io.passerelle.onboarding;

import io.passerelle.account.AccountService;
import io.passerelle.activity.ActivityRecord;
import io.passerelle.activity.ActivityService;
import io.passerelle.activity.ActivityType;
import io.passerelle.collaboration.CollaborationService;
import io.passerelle.collaboration.Proposal;
import io.passerelle.collaboration.ProposeService;
import io.passerelle.collaboration.ServiceStatus;
import io.passerelle.contact.ContactResult;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.ContactView;
import io.passerelle.contact.DossierLinkService;
import io.passerelle.contact.LinkTerms;
import io.passerelle.domain.Actor;
import io.passerelle.dossier.DossierService;
import io.passerelle.dossier.DossierSummary;
import io.passerelle.mail.MailDeliveryException;
import io.passerelle.mail.MailOutbox;
import io.passerelle.microsoft.GuestInvitationService;
import io.passerelle.microsoft.Identity;
import io.passerelle.notification.NotificationService;
import io.passerelle.processes.ProcessNames.Errors;
import io.passerelle.staff.StaffService;
import io.passerelle.staff.StaffView;
import io.passerelle.workers.onboarding.OnboardingSteps;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The firm-side steps of {@code Process_ClientOnboarding}: each one calls the application service
 * that holds the rule, as the system acting on the request that was authorised when it was made.
 * Every step is idempotent per onboarding id (the services are; mails go through the outbox).
 */
@Component
class OnboardingJourney implements OnboardingSteps {

  private static final Logger LOG = LoggerFactory.getLogger(OnboardingJourney.class);
  static final Actor SYSTEM = Actor.system("client onboarding");

  private final OnboardingRepository onboardings;
  private final DossierService dossiers;
  private final ContactService contacts;
  private final DossierLinkService links;
  private final CollaborationService collaboration;
  private final NotificationService notifications;
  private final StaffService staff;
  private final ActivityService activity;
  private final JourneyMails mails;
  private final MailOutbox outbox;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final OnboardingInstanceClaim instances;
  private final AccountService accounts;
  private final GuestInvitationService guests;

  OnboardingJourney(
      OnboardingRepository onboardings,
      DossierService dossiers,
      ContactService contacts,
      DossierLinkService links,
      CollaborationService collaboration,
      NotificationService notifications,
      StaffService staff,
      ActivityService activity,
      JourneyMails mails,
      MailOutbox outbox,
      PlatformTransactionManager transactions,
      Clock clock,
      OnboardingInstanceClaim instances,
      AccountService accounts,
      GuestInvitationService guests) {
    this.accounts = accounts;
    this.guests = guests;
    this.tx = new TransactionTemplate(transactions);
    this.instances = instances;
    this.onboardings = onboardings;
    this.dossiers = dossiers;
    this.contacts = contacts;
    this.links = links;
    this.collaboration = collaboration;
    this.notifications = notifications;
    this.staff = staff;
    this.activity = activity;
    this.mails = mails;
    this.outbox = outbox;
    this.clock = clock;
  }

  @Override
  public void activateOffer(long onboardingId, long processInstanceKey) {
    // the first step: a second instance of the onboarding (its start's commit lost) stops here
    if (!instances.claim(onboardingId, processInstanceKey)) {
      return;
    }
    tx.executeWithoutResult(
        status -> {
          Onboarding onboarding = find(onboardingId);
          StepRules.modelled(
              () ->
                  dossiers.activateOffer(
                      onboarding.getDossierId(), onboarding.getOfferCode(), SYSTEM),
              Set.of(Errors.OFFER_UNKNOWN, Errors.DOSSIER_UNKNOWN));
        });
  }

  @Override
  @Transactional
  public ContactReady createContact(long onboardingId) {
    Onboarding onboarding = lock(onboardingId);
    ContactView contact;
    if (onboarding.getContactId() != null) {
      contact = contacts.get(onboarding.getContactId());
    } else {
      var data = NewContactJson.read(onboarding.getNewContact());
      ContactResult result =
          StepRules.modelled(
              () -> contacts.createOrReuse(data, SYSTEM),
              Set.of(Errors.ROLE_MISSING, Errors.INVALID_EMAIL));
      contact = result.contact();
      onboarding.contactReady(contact.id());
      onboardings.saveAndFlush(onboarding);
    }
    return new ContactReady(
        contact.id(),
        contact.subscriberType().name(),
        "dossier-" + onboarding.getDossierId() + "/contact-" + contact.id());
  }

  @Override
  @Transactional
  public void linkDossierToContact(long onboardingId) {
    Onboarding onboarding = find(onboardingId);
    links.link(
        onboarding.getDossierId(),
        requireContact(onboarding),
        new LinkTerms(
            onboarding.getLimitedTo(), onboarding.getAccessLevel(), onboarding.isHolder()),
        SYSTEM);
  }

  @Override
  @Transactional
  public ServiceProposal proposeService(long onboardingId) {
    Onboarding onboarding = lock(onboardingId);
    Proposal proposal =
        collaboration.propose(
            new ProposeService(
                onboardingId,
                onboarding.getDossierId(),
                requireContact(onboarding),
                onboarding.getOfferCode(),
                onboarding.getProposedByStaffId()),
            SYSTEM);
    long serviceId = proposal.service().id();
    if (onboarding.getProcessInstanceKey() != null) {
      collaboration.attachProcessInstance(serviceId, onboarding.getProcessInstanceKey());
    }
    onboarding.serviceProposed(serviceId, proposal.accountId());
    if (onboarding.getIdentity() == Identity.MICROSOFT) {
      accounts.signInWith(proposal.accountId(), Identity.MICROSOFT);
    }
    onboardings.saveAndFlush(onboarding);
    return new ServiceProposal(
        serviceId, proposal.accountId(), proposal.accountActive(), onboarding.getIdentity().name());
  }

  @Override
  public void sendNewAccessNotice(long onboardingId) {
    OnboardingView onboarding = find(onboardingId).view();
    try {
      outbox.send(mails.newAccess(onboarding));
    } catch (MailDeliveryException.Permanent e) {
      // the access is given all the same; the address is the client's sign-in and stays theirs
      LOG.warn("New-access notice of onboarding {} refused: {}", onboardingId, e.getMessage());
    }
    tx.executeWithoutResult(
        status -> {
          activity.record(
              ActivityRecord.of(
                      ActivityType.NEW_ACCESS_NOTICE,
                      SYSTEM,
                      onboarding.dossierId(),
                      onboarding.contactId())
                  .with("onboardingId", onboardingId)
                  .dedupKey("new-access/onboarding-" + onboardingId));
          collaboration.activate(onboarding.serviceId(), SYSTEM);
        });
  }

  @Override
  @Transactional
  public void enableOfferWidget(long onboardingId) {
    Onboarding onboarding = find(onboardingId);
    dossiers.setWidget(onboarding.getDossierId(), onboarding.getOfferCode(), true, SYSTEM);
    if (onboarding.getServiceId() != null) {
      collaboration.activate(onboarding.getServiceId(), SYSTEM);
    }
  }

  @Override
  public void notifyAssignedStaff(long onboardingId) {
    OnboardingView onboarding = find(onboardingId).view();
    notifications.notifyAssignedStaff(
        onboarding.dossierId(),
        "CLIENT_ACTIVATED",
        onboarding.contactId(),
        Map.of("onboardingId", onboardingId, "offerCode", onboarding.offerCode()),
        "client-onboarded/onboarding-" + onboardingId);
    DossierSummary dossier = dossiers.summary(onboarding.dossierId());
    for (long staffId : dossier.assignedStaffIds()) {
      StaffView member = staff.get(staffId);
      if (!member.active()) {
        continue;
      }
      try {
        outbox.send(mails.staffClientActivated(onboarding, member));
      } catch (MailDeliveryException.Permanent e) {
        LOG.warn("Staff notice to {} refused: {}", member.username(), e.getMessage());
      }
    }
    end(onboardingId, OnboardingStatus.ONBOARDED, null, ActivityType.ONBOARDING_COMPLETED);
  }

  @Override
  public void recordCancellation(long onboardingId) {
    end(onboardingId, OnboardingStatus.CANCELLED, null, ActivityType.ONBOARDING_CANCELLED);
    // after the commit, outside any transaction (a Graph call); never throws for an outage
    guests.cancel(onboardingId);
  }

  /**
   * The cancellation inside the caller's transaction (a lost instance closed): no Graph call here,
   * the pending guest's deletion is left to {@link GuestInvitationService#retryCancellations()}.
   */
  void recordCancellationInTransaction(long onboardingId) {
    end(onboardingId, OnboardingStatus.CANCELLED, null, ActivityType.ONBOARDING_CANCELLED);
    guests.cancelLater(onboardingId);
  }

  @Override
  public void recordRejection(long onboardingId, String rejectionCode) {
    end(
        onboardingId,
        OnboardingStatus.REJECTED,
        rejectionCode == null || rejectionCode.isBlank() ? "UNKNOWN" : rejectionCode,
        ActivityType.ONBOARDING_REJECTED);
  }

  // ---- inside ----

  /** One transaction: the onboarding's end, its service's and the feed's entry. */
  private void end(long onboardingId, OnboardingStatus outcome, String code, ActivityType type) {
    tx.executeWithoutResult(status -> endNow(onboardingId, outcome, code, type));
  }

  private void endNow(long onboardingId, OnboardingStatus outcome, String code, ActivityType type) {
    Onboarding onboarding = lock(onboardingId);
    if (onboarding.end(outcome, code, clock.instant())) {
      onboardings.saveAndFlush(onboarding);
    }
    if (outcome != OnboardingStatus.ONBOARDED && onboarding.getServiceId() != null) {
      ServiceStatus status = collaboration.get(onboarding.getServiceId()).status();
      if (status == ServiceStatus.PROPOSED
          || status == ServiceStatus.INVITED
          || status == ServiceStatus.EXPIRED) {
        collaboration.cancel(onboarding.getServiceId(), SYSTEM);
      }
    }
    var entry =
        ActivityRecord.of(type, SYSTEM, onboarding.getDossierId(), onboarding.getContactId())
            .with("onboardingId", onboardingId)
            .dedupKey(
                type.name().toLowerCase(java.util.Locale.ROOT) + "/onboarding-" + onboardingId);
    activity.record(code == null ? entry : entry.with("rejectionCode", code));
  }

  private long requireContact(Onboarding onboarding) {
    if (onboarding.getContactId() == null) {
      throw new IllegalStateException(
          "Onboarding "
              + onboarding.getId()
              + " has no contact yet: create-contact must run first");
    }
    return onboarding.getContactId();
  }

  private Onboarding find(long id) {
    return onboardings
        .findById(id)
        .orElseThrow(() -> new IllegalStateException("No onboarding has the id " + id));
  }

  private Onboarding lock(long id) {
    return onboardings
        .lockById(id)
        .orElseThrow(() -> new IllegalStateException("No onboarding has the id " + id));
  }
}
