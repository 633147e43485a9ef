package io.passerelle.dossiercreation;

import io.passerelle.domain.SchedulerLock;
import io.passerelle.engine.EngineUnavailableException;
import io.passerelle.engine.ProcessEngine;
import io.passerelle.processes.ProcessNames;
import io.passerelle.processes.ProcessNames.Processes;
import io.passerelle.processes.ProcessNames.Variables;
import io.passerelle.staff.StaffService;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.PageRequest;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts {@code Process_DossierCreation} for a stored request, once: after the commit of the
 * request's row (never from a transaction that may still roll back), under a lock on the row, which
 * keeps the instance key. When the engine cannot be reached then, a sweeper starts the request
 * later. A crash between the engine's acceptance and the commit of the key would start a second
 * instance on the next sweep; every step is keyed by the request id, so it finds the work done.
 */
@Component
class DossierRequestStarter {

  private static final Logger LOG = LoggerFactory.getLogger(DossierRequestStarter.class);

  /** How old an unstarted request must be before the sweeper takes it. */
  static final Duration SWEEP_AFTER = Duration.ofSeconds(10);

  private final DossierRequestRepository requests;
  private final StaffService staff;
  private final ProcessEngine engine;
  private final TransactionTemplate newTransaction;
  private final Clock clock;
  private final SchedulerLock scheduler;

  DossierRequestStarter(
      DossierRequestRepository requests,
      StaffService staff,
      ProcessEngine engine,
      PlatformTransactionManager transactions,
      Clock clock,
      SchedulerLock scheduler) {
    this.scheduler = scheduler;
    this.requests = requests;
    this.staff = staff;
    this.engine = engine;
    this.newTransaction = new TransactionTemplate(transactions);
    this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
  }

  @TransactionalEventListener
  void onRequested(DossierRequested event) {
    try {
      start(event.dossierRequestId());
    } catch (RuntimeException e) {
      LOG.warn(
          "Dossier request {} stored but not started yet ({}); the sweeper will start it",
          event.dossierRequestId(),
          e.toString());
    }
  }

  /**
   * Starts the process of a request that has none; does nothing for one that has.
   *
   * @return true when this call started it
   */
  boolean start(long dossierRequestId) {
    Boolean started =
        newTransaction.execute(
            status -> {
              DossierRequest request = requests.findForUpdate(dossierRequestId).orElse(null);
              if (request == null || request.getProcessInstanceKey() != null) {
                return false;
              }
              long key = engine.startInstance(Processes.DOSSIER_CREATION, variables(request));
              request.started(key, clock.instant());
              requests.saveAndFlush(request);
              return true;
            });
    return Boolean.TRUE.equals(started);
  }

  /** The sweep's name for {@link SchedulerLock}: one sweep at a time across the instances. */
  static final String SWEEP_JOB = "dossier-request-start-sweep";

  @Scheduled(
      fixedDelayString = "${passerelle.dossier-creation.start-sweep-interval:PT15S}",
      initialDelayString = "${passerelle.dossier-creation.start-sweep-interval:PT15S}")
  void sweep() {
    scheduler.runAlone(SWEEP_JOB, this::sweepNow);
  }

  private void sweepNow() {
    for (long id :
        requests.notStartedBefore(clock.instant().minus(SWEEP_AFTER), PageRequest.of(0, 50))) {
      try {
        if (start(id)) {
          LOG.info("Dossier request {} started by the sweeper", id);
        }
      } catch (EngineUnavailableException e) {
        LOG.warn("Dossier request {} still not started: {}", id, e.toString());
        return; // the engine is down or pushing back: try again at the next sweep
      } catch (RuntimeException e) {
        // this row only (a refusal, the database): the others go on
        LOG.warn("Dossier request {} not started by this sweep: {}", id, e.toString());
      }
    }
  }

  Map<String, Object> variables(DossierRequest request) {
    long id = request.getId();
    Map<String, Object> variables = new HashMap<>();
    variables.put(Variables.DOSSIER_REQUEST_ID, id);
    variables.put(Variables.REQUEST_KEY, ProcessNames.requestKey(id));
    variables.put(Variables.STARTED_BY, staff.get(request.getRequestedByStaffId()).username());
    variables.put(Variables.HAS_SIRET, request.getSiret() != null);
    variables.put(Variables.INVITE_DIRECTOR, request.isInviteDirector());
    variables.put(Variables.SEND_NOW, request.isSendInvitationNow());
    return variables;
  }
}
