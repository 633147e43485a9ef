package io.passerelle.onboarding;

import io.passerelle.account.InvitationService;
import io.passerelle.account.InvitationStatus;
import io.passerelle.account.InvitationView;
import io.passerelle.activity.ActivityRecord;
import io.passerelle.activity.ActivityService;
import io.passerelle.activity.ActivityType;
import io.passerelle.collaboration.CollaborationErrors;
import io.passerelle.collaboration.CollaborationService;
import io.passerelle.collaboration.ServiceStatus;
import io.passerelle.domain.Actor;
import io.passerelle.domain.DomainException;
import io.passerelle.dossier.DossierService;
import io.passerelle.engine.EngineException;
import io.passerelle.engine.EngineUnavailableException;
import io.passerelle.engine.InstanceNotIndexedException;
import io.passerelle.engine.OpenUserTask;
import io.passerelle.engine.ProcessEngine;
import io.passerelle.processes.ProcessNames.Elements;
import io.passerelle.processes.ProcessNames.FollowUpDecisions;
import io.passerelle.processes.ProcessNames.Messages;
import io.passerelle.processes.ProcessNames.Variables;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What staff do to a running onboarding's invitation: send it now, resend, cancel, report a bounce.
 * Each is a message to the journey, written to the engine command outbox in the command's
 * transaction and relayed after its commit ({@link JourneyMessages}); the one exception is a resend
 * while the follow-up task is open, which completes that task at once (see {@link #resend}).
 */
@Component
class JourneyCommands {

  /** A resend within this time of the link's issue changes nothing (a double click). */
  static final Duration RESEND_QUIET_PERIOD = Duration.ofMinutes(1);

  /**
   * How long after an expiry a cluster's search may still not show the follow-up task that the
   * expiry opened (it is filled from the engine's records a moment after they are written).
   */
  static final Duration FOLLOW_UP_INDEXING = Duration.ofMinutes(2);

  private final OnboardingRepository onboardings;
  private final DossierService dossiers;
  private final CollaborationService collaboration;
  private final InvitationService invitations;
  private final ActivityService activity;
  private final JourneyMessages messages;
  private final ProcessEngine engine;
  private final Clock clock;

  JourneyCommands(
      OnboardingRepository onboardings,
      DossierService dossiers,
      CollaborationService collaboration,
      InvitationService invitations,
      ActivityService activity,
      JourneyMessages messages,
      ProcessEngine engine,
      Clock clock) {
    this.onboardings = onboardings;
    this.dossiers = dossiers;
    this.collaboration = collaboration;
    this.invitations = invitations;
    this.activity = activity;
    this.messages = messages;
    this.engine = engine;
    this.clock = clock;
  }

  /** See {@link OnboardingService#sendNow}. */
  OnboardingView sendNow(long onboardingId, Actor actor) {
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
   * See {@link OnboardingService#resend}. While a follow-up task is open, the task's answer
   * decides: its completion is asked of the engine at once, and a task completed meanwhile
   * elsewhere is a 409; an engine down then is a 503 and nothing is recorded.
   */
  OnboardingView resend(long onboardingId, Actor actor) {
    Onboarding onboarding = requireRunning(onboardingId, actor);
    List<InvitationView> sent = invitations.forOnboarding(onboardingId);
    if (sent.isEmpty()) {
      return sendNow(onboardingId, actor);
    }
    Optional<OpenUserTask> task = openTaskOf(onboarding);
    if (task.isPresent()) {
      resendThroughTask(task.get());
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
      if (followUpNotIndexedYet(latest)) {
        // the database decides: the link expired moments ago, so the journey waits on its
        // follow-up task, which the cluster's search does not show yet ("try again", not "no")
        throw new InstanceNotIndexedException(
            "The invitation expired moments ago: its follow-up task is not in the cluster's"
                + " search yet; try again in a moment.");
      }
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

  /** See {@link OnboardingService#cancel}. */
  OnboardingView cancel(long onboardingId, Actor actor) {
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

  /** See {@link OnboardingService#reportBounce}. */
  OnboardingView reportBounce(long invitationId, Actor actor) {
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

  /** The follow-up task's "resend" decision, completed by the engine now. */
  private void resendThroughTask(OpenUserTask task) {
    if (Elements.USER_TASK_CORRECT_CONTACT_EMAIL.equals(task.elementId())) {
      throw DomainException.conflict(
          OnboardingErrors.EMAIL_CORRECTION_PENDING,
          "The last invitation bounced: correct the contact's e-mail address first (task"
              + " \"Corriger l'adresse e-mail\").");
    }
    try {
      engine.completeUserTask(
          task.userTaskKey(),
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
  }

  /**
   * Whether the database says the journey waits on the expired invitation's follow-up task while a
   * lagging search (a cluster) does not show it yet: the link expired within {@link
   * #FOLLOW_UP_INDEXING}. The embedded engine's projection shows the task as soon as it is open.
   */
  private boolean followUpNotIndexedYet(InvitationView latest) {
    return engine.searchLags()
        && latest.status() == InvitationStatus.EXPIRED
        && latest.closedAt() != null
        && latest.closedAt().isAfter(clock.instant().minus(FOLLOW_UP_INDEXING));
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
    if (!OnboardingService.RUNNING.contains(onboarding.getStatus())) {
      throw DomainException.conflict(
          OnboardingErrors.ONBOARDING_ENDED,
          "This onboarding is " + onboarding.getStatus() + ": its invitation cannot change.");
    }
    return onboarding;
  }

  private Onboarding find(long id) {
    return OnboardingService.find(onboardings, id);
  }
}
