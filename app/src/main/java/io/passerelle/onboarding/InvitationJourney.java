package io.passerelle.onboarding;

import io.passerelle.account.AccountErrors;
import io.passerelle.account.AccountService;
import io.passerelle.account.AccountView;
import io.passerelle.account.InvitationService;
import io.passerelle.account.InvitationStatus;
import io.passerelle.account.InvitationView;
import io.passerelle.account.IssueInvitation;
import io.passerelle.collaboration.CollaborationService;
import io.passerelle.contact.AccessLevel;
import io.passerelle.contact.ContactService;
import io.passerelle.domain.Actor;
import io.passerelle.domain.CommonErrors;
import io.passerelle.domain.DomainException;
import io.passerelle.dossier.DossierService;
import io.passerelle.mail.MailDeliveryException;
import io.passerelle.mail.MailOutbox;
import io.passerelle.processes.ProcessNames.Errors;
import io.passerelle.processes.ProcessNames.Messages;
import io.passerelle.workers.invitation.InvitationSteps;
import io.passerelle.workers.support.BusinessRuleException;
import java.time.Duration;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The steps of {@code Process_ClientInvitation}. Mails go through the outbox outside the steps'
 * transactions (the outbox holds its own row lock while the SMTP server takes the mail), and the
 * invitation's state changes after it: a job run twice sends one mail and records one reminder.
 */
@Component
class InvitationJourney implements InvitationSteps {

  private static final Logger LOG = LoggerFactory.getLogger(InvitationJourney.class);
  private static final Actor SYSTEM = OnboardingJourney.SYSTEM;

  private final OnboardingRepository onboardings;
  private final InvitationService invitations;
  private final AccountService accounts;
  private final ContactService contacts;
  private final CollaborationService collaboration;
  private final DossierService dossiers;
  private final JourneyMails mails;
  private final JourneyMessages messages;
  private final MailOutbox outbox;
  private final TransactionTemplate tx;

  InvitationJourney(
      OnboardingRepository onboardings,
      InvitationService invitations,
      AccountService accounts,
      ContactService contacts,
      CollaborationService collaboration,
      DossierService dossiers,
      JourneyMails mails,
      JourneyMessages messages,
      MailOutbox outbox,
      PlatformTransactionManager transactions) {
    this.onboardings = onboardings;
    this.invitations = invitations;
    this.accounts = accounts;
    this.contacts = contacts;
    this.collaboration = collaboration;
    this.dossiers = dossiers;
    this.mails = mails;
    this.messages = messages;
    this.outbox = outbox;
    this.tx = new TransactionTemplate(transactions);
  }

  @Override
  @Transactional
  public IssuedInvitation issueInvitation(IssueRequest request) {
    Onboarding onboarding =
        onboardings
            .lockById(request.onboardingId())
            .orElseThrow(
                () -> new IllegalStateException("No onboarding " + request.onboardingId()));
    onboarding.invitationProcess(request.invitationProcessKey());
    onboardings.saveAndFlush(onboarding);
    long accountId = requireAccount(onboarding);
    AccountView account = accounts.get(accountId);
    if (account.active()) {
      // the client activated from another onboarding's link meanwhile: nothing to send, this
      // onboarding is told of the activation like the others
      messages.afterCommit(
          Messages.CLIENT_ACTIVATED,
          onboarding.getId(),
          "account-" + accountId,
          JourneyMessages.ACTIVATION_TTL);
      List<InvitationView> sent = invitations.forAccount(accountId);
      if (sent.isEmpty()) {
        throw new IllegalStateException("Account " + accountId + " is active without invitation");
      }
      return new IssuedInvitation(sent.getFirst().id());
    }
    Actor inviter =
        onboarding.getProposedByAccountId() != null
            ? new Actor.Client(onboarding.getProposedByAccountId())
            : SYSTEM;
    var issued =
        invitations.issue(
            new IssueInvitation(
                accountId,
                onboarding.getDossierId(),
                onboarding.getServiceId(),
                onboarding.getId(),
                onboarding.getProposedByStaffId(),
                onboarding.getCustomMessage(),
                validity(request.linkValidity()),
                request.requestKey()),
            inviter);
    if (onboarding.getServiceId() != null) {
      collaboration.markInvited(onboarding.getServiceId(), SYSTEM);
    }
    return new IssuedInvitation(issued.invitation().id());
  }

  @Override
  public void sendInvitationMail(long invitationId) {
    InvitationView invitation = invitations.get(invitationId);
    if (!invitation.status().live()) {
      LOG.info("Invitation {} is {}: not sent", invitationId, invitation.status());
      return;
    }
    try {
      outbox.send(mails.invitation(invitation, offered(invitation)));
    } catch (MailDeliveryException.Permanent e) {
      throw new BusinessRuleException(Errors.MAIL_REJECTED, e.getMessage());
    }
    try {
      invitations.markSent(invitationId, SYSTEM);
    } catch (DomainException e) {
      if (!AccountErrors.INVITATION_NOT_LIVE.is(e.code())) {
        throw e;
      }
      // cancelled while the mail went out: the link is dead already
    }
  }

  @Override
  public void sendReminder(long invitationId, int reminderNumber) {
    InvitationView invitation = invitations.get(invitationId);
    if (!invitation.status().live()
        || invitation.emailInvalid()
        || invitation.remindersSent() >= reminderNumber) {
      return;
    }
    try {
      outbox.send(mails.reminder(invitation, offerCode(invitation), reminderNumber));
    } catch (MailDeliveryException.Permanent e) {
      // the address bounced now: the journey takes the bounce path (no more reminders to it),
      // through the command outbox, so that the bounce outlives an engine down at this moment
      if (invitation.onboardingId() != null) {
        tx.executeWithoutResult(
            status ->
                messages.afterCommit(
                    Messages.EMAIL_BOUNCED,
                    invitation.onboardingId(),
                    "invitation-" + invitationId,
                    JourneyMessages.SHORT_TTL));
      }
      return;
    }
    invitations.recordReminder(invitationId, reminderNumber, SYSTEM);
  }

  @Override
  public Expiry expireInvitation(long invitationId) {
    InvitationView invitation = invitations.get(invitationId);
    boolean expiredNow =
        Boolean.TRUE.equals(
            tx.execute(
                status -> {
                  InvitationView current = invitations.get(invitationId);
                  if (!current.status().live()) {
                    return current.status() == InvitationStatus.EXPIRED;
                  }
                  invitations.expire(invitationId, SYSTEM);
                  if (current.collaborativeServiceId() != null) {
                    collaboration.expire(current.collaborativeServiceId(), SYSTEM);
                  }
                  return true;
                }));
    if (expiredNow) {
      try {
        outbox.send(mails.expired(invitation));
      } catch (MailDeliveryException.Permanent e) {
        LOG.warn("Expiry notice of invitation {} refused: {}", invitationId, e.getMessage());
      }
    }
    return new Expiry(managerOf(invitation), followedUpElsewhere(invitation));
  }

  /**
   * The newest link of the account belongs to another onboarding and was not cancelled (it lives,
   * was accepted, bounced or expired): that onboarding's process reminds and asks for the
   * follow-up, so this one, whose link it replaced, waits for the activation (told to every
   * onboarding of the account) without a task of its own: one live link, one follow-up. Once that
   * newer link is cancelled, this onboarding's next expiry asks its own manager again.
   */
  private boolean followedUpElsewhere(InvitationView invitation) {
    if (invitation.status() != InvitationStatus.SUPERSEDED || invitation.onboardingId() == null) {
      return false;
    }
    return invitations.forAccount(invitation.accountId()).stream()
        .findFirst()
        .filter(newest -> newest.id() != invitation.id())
        .filter(newest -> newest.onboardingId() != null)
        .filter(newest -> !newest.onboardingId().equals(invitation.onboardingId()))
        .filter(newest -> newest.status() != InvitationStatus.CANCELLED)
        .isPresent();
  }

  @Override
  @Transactional
  public void extendInvitation(long invitationId, String linkValidity) {
    InvitationView invitation = invitations.extend(invitationId, validity(linkValidity), SYSTEM);
    if (invitation.collaborativeServiceId() != null) {
      collaboration.markInvited(invitation.collaborativeServiceId(), SYSTEM);
    }
  }

  @Override
  @Transactional
  public void cancelInvitations(long onboardingId) {
    Set<Long> accountIds = new LinkedHashSet<>();
    for (InvitationView invitation : invitations.forOnboarding(onboardingId)) {
      accountIds.add(invitation.accountId());
      if (invitation.status().live() || invitation.status() == InvitationStatus.EXPIRED) {
        invitations.cancel(invitation.id(), SYSTEM);
      }
    }
    // a bounced link is dead already, so nothing above touched the account: after a bounce then
    // a cancellation it must not stay "activation en attente" either
    accountIds.forEach(invitations::releaseAccount);
  }

  @Override
  @Transactional
  public ManagerToAsk markBounced(long invitationId) {
    InvitationView invitation = invitations.get(invitationId);
    if (invitation.status().live() || invitation.status() == InvitationStatus.BOUNCED) {
      invitations.markBounced(invitationId, SYSTEM);
    }
    return new ManagerToAsk(managerOf(invitation));
  }

  @Override
  @Transactional
  public void correctContactEmail(long onboardingId, long contactId, String correctedEmail) {
    // from the application's task page the address waits in the database (issue 19: no personal
    // data in process variables); from Tasklist's form it comes as the variable
    StepRules.modelled(
        () -> {
          if (correctedEmail == null) {
            contacts.applyEmailCorrection(onboardingId, contactId);
          } else {
            contacts.changeEmail(contactId, correctedEmail, SYSTEM);
          }
        },
        Set.of(
            Errors.INVALID_EMAIL,
            CommonErrors.CONTACT_EMAIL_TAKEN.code(),
            CommonErrors.VALIDATION_FAILED.code()));
  }

  @Override
  @Transactional
  public void recordActivation(long invitationId) {
    InvitationView invitation = invitations.get(invitationId);
    Long serviceId = invitation.collaborativeServiceId();
    if (invitation.onboardingId() != null) {
      serviceId =
          onboardings
              .findById(invitation.onboardingId())
              .map(Onboarding::getServiceId)
              .orElse(serviceId);
    }
    if (serviceId != null) {
      collaboration.activate(serviceId, SYSTEM);
    }
  }

  // ---- inside ----

  private String offerCode(InvitationView invitation) {
    return offered(invitation).offerCode();
  }

  /**
   * The offer an invitation is for and the access it gives: its onboarding's (one read), or, for an
   * invitation without one, its collaborative service's offer with every promise.
   */
  private JourneyMails.Offered offered(InvitationView invitation) {
    if (invitation.onboardingId() != null) {
      return onboardings
          .findById(invitation.onboardingId())
          .map(o -> new JourneyMails.Offered(o.getOfferCode(), o.getAccessLevel()))
          .orElseThrow();
    }
    return new JourneyMails.Offered(
        collaboration.get(invitation.collaborativeServiceId()).offerCode(), AccessLevel.READ_WRITE);
  }

  private String managerOf(InvitationView invitation) {
    if (invitation.dossierId() == null) {
      throw new IllegalStateException(
          "Invitation " + invitation.id() + " has no dossier: nobody to ask");
    }
    return dossiers.summary(invitation.dossierId()).managerUsername();
  }

  private static long requireAccount(Onboarding onboarding) {
    if (onboarding.getAccountId() == null) {
      throw new IllegalStateException(
          "Onboarding "
              + onboarding.getId()
              + " has no client account yet: propose-collaborative-service must run first");
    }
    return onboarding.getAccountId();
  }

  /**
   * The policy's expiry as a duration: {@code P45D}, {@code PT12H}, or a period like {@code P1M}.
   */
  static Duration validity(String iso) {
    if (iso == null || iso.isBlank()) {
      return null;
    }
    try {
      return Duration.parse(iso);
    } catch (DateTimeParseException notADuration) {
      try {
        Period period = Period.parse(iso);
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        return Duration.between(now, now.plus(period));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "The reminder policy's expiry '" + iso + "' is not an ISO-8601 duration (e.g. P45D)",
            e);
      }
    }
  }
}
