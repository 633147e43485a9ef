package io.passerelle.dossiercreation;

import io.passerelle.activity.ActivityRecord;
import io.passerelle.activity.ActivityService;
import io.passerelle.activity.ActivityType;
import io.passerelle.domain.Actor;
import io.passerelle.domain.CommonErrors;
import io.passerelle.domain.DomainException;
import io.passerelle.engine.InstanceState;
import io.passerelle.engine.ProcessEngine;
import io.passerelle.onboarding.OnboardingErrors;
import io.passerelle.processes.ProcessNames.Processes;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Dossier requests in progress (registry lookup, details task, creation) whose process instance the
 * engine no longer runs: listed on the operator page, with one action, done once: start {@code
 * Process_DossierCreation} again for the request (every step is keyed by the request id, so what
 * was done is found done; an open details task is opened again).
 */
@Service
public class LostDossierRequests {

  /** A request in progress in the database, with the instance key it holds. */
  public record Running(
      long dossierRequestId, long processInstanceKey, DossierRequestStatus status, Instant since) {}

  private final DossierRequestRepository requests;
  private final DossierRequestStarter starter;
  private final ActivityService activity;
  private final ProcessEngine engine;
  private final JdbcTemplate jdbc;
  private final Clock clock;

  LostDossierRequests(
      DossierRequestRepository requests,
      DossierRequestStarter starter,
      ActivityService activity,
      ProcessEngine engine,
      JdbcTemplate jdbc,
      Clock clock) {
    this.requests = requests;
    this.starter = starter;
    this.activity = activity;
    this.engine = engine;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Every request LOOKING_UP, DETAILS_NEEDED or CREATING with an instance, unchanged since then.
   */
  @Transactional(readOnly = true)
  public List<Running> running(Instant unchangedSince) {
    return jdbc.query(
        "select id, process_instance_key, status, updated_at from dossier_request"
            + " where status in ('LOOKING_UP', 'DETAILS_NEEDED', 'CREATING')"
            + " and process_instance_key is not null and updated_at < ? order by id",
        (rs, row) ->
            new Running(
                rs.getLong("id"),
                rs.getLong("process_instance_key"),
                DossierRequestStatus.valueOf(rs.getString("status")),
                rs.getTimestamp("updated_at").toInstant()),
        Timestamp.from(unchangedSince));
  }

  @Transactional(readOnly = true)
  public boolean stillRunningWith(long dossierRequestId, long processInstanceKey) {
    return requests
        .findById(dossierRequestId)
        .filter(r -> inProgress(r.getStatus()))
        .filter(r -> Long.valueOf(processInstanceKey).equals(r.getProcessInstanceKey()))
        .isPresent();
  }

  /**
   * Starts the request's process again; once: a request that holds another instance, or is done, is
   * left alone ({@code false}).
   */
  @Transactional
  public boolean restart(long dossierRequestId, long lostKey, Actor actor) {
    DossierRequest request =
        requests
            .findForUpdate(dossierRequestId)
            .orElseThrow(
                () ->
                    DomainException.notFound(
                        CommonErrors.DOSSIER_REQUEST_NOT_FOUND,
                        "No dossier request " + dossierRequestId + "."));
    if (!inProgress(request.getStatus())
        || !Long.valueOf(lostKey).equals(request.getProcessInstanceKey())) {
      return false;
    }
    if (engine.instanceStatuses(List.of(lostKey)).get(lostKey) == InstanceState.Status.ACTIVE) {
      throw DomainException.conflict(
          OnboardingErrors.PROCESS_INSTANCE_RUNNING,
          "The engine runs instance " + lostKey + " of this request: nothing to reconcile.");
    }
    long key = engine.startInstance(Processes.DOSSIER_CREATION, starter.variables(request));
    request.started(key, clock.instant());
    requests.saveAndFlush(request);
    activity.record(
        ActivityRecord.of(ActivityType.DOSSIER_REQUEST_RESTARTED, actor, null, null)
            .with("dossierRequestId", dossierRequestId)
            .with("lostProcessInstanceKey", lostKey)
            .with("processInstanceKey", key)
            .dedupKey("dossier-request-restarted-" + dossierRequestId + "-" + lostKey));
    return true;
  }

  private static boolean inProgress(DossierRequestStatus status) {
    return status == DossierRequestStatus.LOOKING_UP
        || status == DossierRequestStatus.DETAILS_NEEDED
        || status == DossierRequestStatus.CREATING;
  }
}
