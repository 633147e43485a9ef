package io.passerelle.account;

import io.passerelle.activity.ActivityRecord;
import io.passerelle.activity.ActivityService;
import io.passerelle.activity.ActivityType;
import io.passerelle.domain.Actor;
import io.passerelle.domain.DomainException;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * A link's life after it is issued, as the journey's jobs drive it: sent, reminded, superseded,
 * cancelled, expired, extended, bounced. Each step is idempotent (see {@link InvitationService}).
 */
@Component
class InvitationLifecycle {

  private final InvitationRepository invitations;
  private final InvitationFinder finder;
  private final AccountService accountService;
  private final ClientAccountRepository accounts;
  private final InvitationProperties properties;
  private final ActivityService activity;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  InvitationLifecycle(
      InvitationRepository invitations,
      InvitationFinder finder,
      AccountService accountService,
      ClientAccountRepository accounts,
      InvitationProperties properties,
      ActivityService activity,
      ApplicationEventPublisher events,
      Clock clock) {
    this.invitations = invitations;
    this.finder = finder;
    this.accountService = accountService;
    this.accounts = accounts;
    this.properties = properties;
    this.activity = activity;
    this.events = events;
    this.clock = clock;
  }

  InvitationView markSent(long invitationId, Actor actor) {
    Invitation invitation = finder.lockAccountOf(invitationId);
    InvitationFinder.requireLive(invitation);
    if (invitation.markSent(clock.instant())) {
      invitations.saveAndFlush(invitation);
      activity.record(
          ActivityRecord.of(
                  ActivityType.INVITATION_SENT,
                  actor,
                  invitation.getDossierId(),
                  finder.contactOf(invitation))
              .with("invitationId", invitationId));
    }
    return invitation.view();
  }

  boolean recordReminder(long invitationId, int number, Actor actor) {
    if (number < 1) {
      throw new IllegalArgumentException("reminders are numbered from 1");
    }
    Invitation invitation = finder.lockAccountOf(invitationId);
    if (invitation.view().emailInvalid()) {
      return false;
    }
    if (!invitation.recordReminder(number, clock.instant())) {
      return false;
    }
    invitations.saveAndFlush(invitation);
    activity.record(
        ActivityRecord.of(
                ActivityType.INVITATION_REMINDED,
                actor,
                invitation.getDossierId(),
                finder.contactOf(invitation))
            .with("invitationId", invitationId)
            .with("reminderNumber", number));
    return true;
  }

  InvitationView supersede(long invitationId, Actor actor) {
    return close(
        invitationId,
        InvitationStatus.SUPERSEDED,
        "RESENT",
        ActivityType.INVITATION_SUPERSEDED,
        actor);
  }

  InvitationView cancel(long invitationId, Actor actor) {
    InvitationView view =
        close(
            invitationId,
            InvitationStatus.CANCELLED,
            "CANCELLED_BY_STAFF",
            ActivityType.INVITATION_CANCELLED,
            actor);
    releaseAccount(view.accountId());
    return view;
  }

  void releaseAccount(long accountId) {
    ClientAccount account = accountService.find(accountId);
    if (invitations.findLiveByAccountId(account.getId()).isEmpty()) {
      account.markNotInvited(clock.instant());
      accounts.saveAndFlush(account);
    }
  }

  InvitationView expire(long invitationId, Actor actor) {
    return close(
        invitationId, InvitationStatus.EXPIRED, "EXPIRED", ActivityType.INVITATION_EXPIRED, actor);
  }

  InvitationView extend(long invitationId, Duration validity, Actor actor) {
    Invitation invitation = finder.find(invitationId);
    if (!invitation.getStatus().live() && invitation.getStatus() != InvitationStatus.EXPIRED) {
      throw InvitationFinder.notLive(invitation);
    }
    finder.lockAccount(invitation.getAccountId());
    if (invitation.getStatus() == InvitationStatus.EXPIRED
        && !invitations.findLiveByAccountId(invitation.getAccountId()).isEmpty()) {
      throw DomainException.conflict(
          "NEWER_INVITATION_LIVE",
          "A newer invitation is already out for this account: this one stays expired.");
    }
    var now = clock.instant();
    invitation.extend(now.plus(validity == null ? properties.defaultValidity() : validity), now);
    invitations.saveAndFlush(invitation);
    activity.record(
        ActivityRecord.of(
                ActivityType.INVITATION_EXTENDED,
                actor,
                invitation.getDossierId(),
                finder.contactOf(invitation))
            .with("invitationId", invitationId));
    return invitation.view();
  }

  InvitationView markBounced(long invitationId, Actor actor) {
    Invitation invitation = finder.find(invitationId);
    if (invitation.getStatus() == InvitationStatus.BOUNCED) {
      return invitation.view();
    }
    InvitationFinder.requireLive(invitation);
    invitation.markEmailInvalid();
    InvitationView view =
        close(
            invitationId,
            InvitationStatus.BOUNCED,
            "MAIL_REJECTED",
            ActivityType.INVITATION_BOUNCED,
            actor);
    long contactId = finder.contactOf(invitation);
    events.publishEvent(new InvitationBounced(invitationId, invitation.getAccountId(), contactId));
    return view;
  }

  private InvitationView close(
      long invitationId, InvitationStatus closing, String reason, ActivityType type, Actor actor) {
    Invitation invitation = finder.find(invitationId);
    if (invitation.getStatus() == closing) {
      return invitation.view();
    }
    if (closing == InvitationStatus.CANCELLED
        && invitation.getStatus() == InvitationStatus.EXPIRED) {
      // an expired link may still be cancelled: the follow-up's "cancel" decision
    } else {
      InvitationFinder.requireLive(invitation);
    }
    invitation.close(closing, reason, clock.instant());
    invitations.saveAndFlush(invitation);
    activity.record(
        ActivityRecord.of(type, actor, invitation.getDossierId(), finder.contactOf(invitation))
            .with("invitationId", invitationId)
            .with("reason", reason));
    return invitation.view();
  }
}
