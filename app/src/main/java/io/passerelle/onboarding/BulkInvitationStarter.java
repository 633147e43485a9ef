package io.passerelle.onboarding;

import io.passerelle.domain.SchedulerLock;
import io.passerelle.engine.EngineUnavailableException;
import io.passerelle.engine.ProcessEngine;
import io.passerelle.processes.BulkItemBatches;
import io.passerelle.processes.ProcessNames.Processes;
import io.passerelle.processes.ProcessNames.Variables;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts {@code Process_BulkInvitation} for a recorded bulk invitation: after the commit that
 * recorded it, and again from a sweep for what stayed STARTING (the engine down or pushing back
 * then). The STARTING row is the durable order; the start happens once, under its row's lock.
 */
@Component
class BulkInvitationStarter {

  private static final Logger LOG = LoggerFactory.getLogger(BulkInvitationStarter.class);

  private final BulkInvitationRepository bulks;
  private final BulkInvitationItemRepository items;
  private final ProcessEngine engine;
  private final TransactionTemplate newTransaction;
  private final Clock clock;
  private final SchedulerLock scheduler;

  BulkInvitationStarter(
      BulkInvitationRepository bulks,
      BulkInvitationItemRepository items,
      ProcessEngine engine,
      PlatformTransactionManager transactions,
      Clock clock,
      SchedulerLock scheduler) {
    this.scheduler = scheduler;
    this.bulks = bulks;
    this.items = items;
    this.engine = engine;
    this.newTransaction = new TransactionTemplate(transactions);
    this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
  }

  /** Starts the bulk's process once the current transaction commits; the sweep retries. */
  void startAfterCommit(long bulkId) {
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            try {
              startProcess(bulkId);
            } catch (RuntimeException e) {
              LOG.warn("Bulk invitation {} not started yet ({}); retried", bulkId, e.toString());
            }
          }
        });
  }

  static final String SWEEP_JOB = "bulk-invitation-start-sweep";

  /** Starts what stayed STARTING (engine down when it was recorded); one instance at a time. */
  @Scheduled(
      fixedDelayString = "${passerelle.journey.start-sweep-interval:PT15S}",
      initialDelayString = "${passerelle.journey.start-sweep-interval:PT15S}")
  void sweep() {
    scheduler.runAlone(SWEEP_JOB, this::sweepNow);
  }

  private void sweepNow() {
    for (long id : bulks.startingBefore(clock.instant().minus(Duration.ofSeconds(10)))) {
      try {
        startProcess(id);
      } catch (EngineUnavailableException e) {
        LOG.warn("Bulk invitation {} still not started: {}", id, e.toString());
        return; // the engine is down or pushing back: try again at the next sweep
      } catch (RuntimeException e) {
        // this row only (a refusal, the database): the others go on
        LOG.warn("Bulk invitation {} not started by this sweep: {}", id, e.toString());
      }
    }
  }

  void startProcess(long bulkId) {
    newTransaction.executeWithoutResult(
        status -> {
          BulkInvitation bulk = bulks.lockById(bulkId).orElse(null);
          if (bulk == null || bulk.getStatus() != BulkInvitation.Status.STARTING) {
            return;
          }
          List<Long> pending = items.pendingIds(bulkId);
          long key =
              engine.startInstance(
                  Processes.BULK_INVITATION,
                  Map.of(
                      Variables.BULK_ID,
                      bulkId,
                      Variables.BULK_ITEM_BATCHES,
                      BulkItemBatches.of(pending)));
          bulk.started(key, clock.instant());
          bulks.saveAndFlush(bulk);
        });
  }
}
