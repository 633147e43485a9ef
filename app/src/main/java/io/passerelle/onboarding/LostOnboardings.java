package io.passerelle.onboarding;

import io.passerelle.account.InvitationService;
import io.passerelle.account.InvitationView;
import io.passerelle.activity.ActivityRecord;
import io.passerelle.activity.ActivityService;
import io.passerelle.activity.ActivityType;
import io.passerelle.domain.Actor;
import io.passerelle.domain.CommonErrors;
import io.passerelle.domain.DomainException;
import io.passerelle.engine.InstanceState;
import io.passerelle.engine.ProcessEngine;
import io.passerelle.processes.ProcessNames.Processes;
import io.passerelle.processes.ProcessNames.Variables;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Onboardings the database says are running but whose process instance the engine no longer runs (a
 * cluster restored from an old backup, a data directory deleted by hand): what the operator page
 * lists, and its two actions, each done once whatever the number of clicks: start the journey again
 * for the onboarding, or close it.
 *
 * <p>The models have no start in the middle of the journey: a restart starts {@code
 * Process_ClientOnboarding} from its start event with the onboarding's own variables; the steps
 * already done find their work done (each is idempotent per onboarding), so it waits again where
 * the database says it stood — except an invitation already sent: a new one is issued and mailed
 * (the old link dies, the reminders count from the new one). The page says which.
 */
@Service
public class LostOnboardings {

  /** An onboarding running in the database, with the instance key it holds. */
  public record Running(
      long onboardingId,
      long dossierId,
      long processInstanceKey,
      OnboardingStatus status,
      Instant startedAt,
      Stage stage) {}

  /** Where the database says the onboarding stands. */
  public enum Stage {
    /** the firm's steps (offer, contact, link, service) were under way */
    FIRM_STEPS,
    /** the service is proposed; the invitation waits for the staff's "send now" */
    AWAITING_SEND_ORDER,
    /** the invitation was issued: the client's activation was awaited */
    INVITATION_SENT;

    /** Whether a restart waits again exactly there, or sends a new invitation. */
    public boolean resumesExactly() {
      return this != INVITATION_SENT;
    }
  }

  /** What an action did. */
  public enum Outcome {
    DONE,
    /** the onboarding had already been restarted or closed (a second click): nothing changed */
    ALREADY_DONE
  }

  private final OnboardingRepository onboardings;
  private final OnboardingJourney journey;
  private final InvitationService invitations;
  private final ActivityService activity;
  private final ProcessEngine engine;
  private final JdbcTemplate jdbc;
  private final Clock clock;

  LostOnboardings(
      OnboardingRepository onboardings,
      OnboardingJourney journey,
      InvitationService invitations,
      ActivityService activity,
      ProcessEngine engine,
      JdbcTemplate jdbc,
      Clock clock) {
    this.onboardings = onboardings;
    this.journey = journey;
    this.invitations = invitations;
    this.activity = activity;
    this.engine = engine;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Every onboarding STARTING or IN_PROGRESS with a process instance key, started before then. */
  @Transactional(readOnly = true)
  public List<Running> running(Instant startedBefore) {
    return jdbc.query(
        "select id, dossier_id, process_instance_key, status, started_at, service_id,"
            + " invitation_process_key, send_now from onboarding"
            + " where status in ('STARTING', 'IN_PROGRESS') and process_instance_key is not null"
            + " and (started_at is null or started_at < ?) order by id",
        (rs, row) ->
            new Running(
                rs.getLong("id"),
                rs.getLong("dossier_id"),
                rs.getLong("process_instance_key"),
                OnboardingStatus.valueOf(rs.getString("status")),
                instant(rs.getTimestamp("started_at")),
                stage(
                    rs.getObject("service_id") != null,
                    rs.getObject("invitation_process_key") != null,
                    rs.getBoolean("send_now"))),
        Timestamp.from(startedBefore));
  }

  /**
   * The same onboarding, if it still runs with that instance key (a second look before listing).
   */
  @Transactional(readOnly = true)
  public boolean stillRunningWith(long onboardingId, long processInstanceKey) {
    return onboardings
        .findById(onboardingId)
        .filter(o -> !o.getStatus().ended())
        .filter(o -> Long.valueOf(processInstanceKey).equals(o.getProcessInstanceKey()))
        .isPresent();
  }

  /**
   * Starts the journey again for an onboarding whose instance {@code lostKey} the engine no longer
   * runs. Once: an onboarding that already holds another instance, or has ended, is left alone.
   */
  @Transactional
  public Outcome restart(long onboardingId, long lostKey, Actor actor) {
    Onboarding onboarding = lockLost(onboardingId, lostKey);
    if (onboarding == null) {
      return Outcome.ALREADY_DONE;
    }
    Stage stage =
        stage(
            onboarding.getServiceId() != null,
            onboarding.getInvitationProcessKey() != null,
            onboarding.isSendNow());
    Map<String, Object> variables =
        new java.util.HashMap<>(OnboardingStarter.variables(onboarding));
    // an invitation was sent already: the staff's order to send is not awaited a second time
    variables.put(Variables.SEND_NOW, onboarding.isSendNow() || stage == Stage.INVITATION_SENT);
    long key = engine.startInstance(Processes.CLIENT_ONBOARDING, variables);
    onboarding.started(key, clock.instant());
    onboardings.saveAndFlush(onboarding);
    activity.record(
        ActivityRecord.of(
                ActivityType.ONBOARDING_RESTARTED,
                actor,
                onboarding.getDossierId(),
                onboarding.getContactId())
            .with("onboardingId", onboardingId)
            .with("lostProcessInstanceKey", lostKey)
            .with("processInstanceKey", key)
            .with("stage", stage.name())
            .dedupKey("onboarding-restarted-" + onboardingId + "-" + lostKey));
    return Outcome.DONE;
  }

  /**
   * Closes an onboarding whose instance {@code lostKey} the engine no longer runs: its live links
   * die, its service is cancelled, it ends CANCELLED. Once, like {@link #restart}.
   */
  @Transactional
  public Outcome close(long onboardingId, long lostKey, Actor actor) {
    Onboarding onboarding = lockLost(onboardingId, lostKey);
    if (onboarding == null) {
      return Outcome.ALREADY_DONE;
    }
    for (InvitationView invitation : invitations.forOnboarding(onboardingId)) {
      if (invitation.status().live()) {
        invitations.cancel(invitation.id(), actor);
      }
    }
    journey.recordCancellationInTransaction(onboardingId);
    activity.record(
        ActivityRecord.of(
                ActivityType.ONBOARDING_CLOSED,
                actor,
                onboarding.getDossierId(),
                onboarding.getContactId())
            .with("onboardingId", onboardingId)
            .with("lostProcessInstanceKey", lostKey)
            .dedupKey("onboarding-closed-" + onboardingId + "-" + lostKey));
    return Outcome.DONE;
  }

  /**
   * The onboarding, locked, if it still runs with the lost instance and the engine indeed does not
   * run that instance; null when a first click already acted.
   */
  private Onboarding lockLost(long onboardingId, long lostKey) {
    Onboarding onboarding =
        onboardings
            .lockById(onboardingId)
            .orElseThrow(
                () ->
                    DomainException.notFound(
                        CommonErrors.ONBOARDING_NOT_FOUND, "No onboarding " + onboardingId + "."));
    if (onboarding.getStatus().ended()
        || !Long.valueOf(lostKey).equals(onboarding.getProcessInstanceKey())) {
      return null;
    }
    InstanceState.Status status = engine.instanceStatuses(List.of(lostKey)).get(lostKey);
    if (status == InstanceState.Status.ACTIVE) {
      throw DomainException.conflict(
          OnboardingErrors.PROCESS_INSTANCE_RUNNING,
          "The engine runs instance " + lostKey + " of this onboarding: nothing to reconcile.");
    }
    return onboarding;
  }

  private static Stage stage(boolean serviceProposed, boolean invitationIssued, boolean sendNow) {
    if (invitationIssued) {
      return Stage.INVITATION_SENT;
    }
    if (serviceProposed && !sendNow) {
      return Stage.AWAITING_SEND_ORDER;
    }
    return Stage.FIRM_STEPS;
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
