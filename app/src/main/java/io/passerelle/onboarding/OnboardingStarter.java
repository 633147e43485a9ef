package io.passerelle.onboarding;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.passerelle.domain.SchedulerLock;
import io.passerelle.engine.EngineUnavailableException;
import io.passerelle.engine.ProcessEngine;
import io.passerelle.processes.ProcessNames;
import io.passerelle.processes.ProcessNames.Processes;
import io.passerelle.processes.ProcessNames.Variables;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts {@code Process_ClientOnboarding} for a stored onboarding, once. The onboarding row is
 * written first; the start happens after its commit, under a lock on the row, and the row keeps the
 * process instance key. When the engine cannot be reached then, the row stays STARTING and a
 * sweeper starts it later: the request is never lost. The STARTING row is the start's durable
 * command (the outbox of a start: written in the request's transaction, relayed until the engine
 * takes it, and the instance key it keeps makes a second relay do nothing).
 *
 * <p>The start after the commit runs on a few threads of its own, not on the committing thread:
 * there, the committed transaction's connection is still held until the synchronisations are over,
 * so an HTTP request or a bulk job would hold two connections while it waits for the engine, and a
 * burst of them would empty the pool for everyone. The caller gets its answer (STARTING) at once.
 * The sweeper leaves alone the onboardings these threads have in hand or in their queue: during a
 * bulk thousands wait there longer than the sweeper's delay, and taking them too would only make
 * both wait for each other's row locks.
 *
 * <p>The one window left: a crash between the engine's acceptance of the start and the commit of
 * the key starts the process a second time on the next sweep. Every step is idempotent per
 * onboarding id (one contact, one link, one service, one invitation per task entry, one mail per
 * key), so the second instance finds the work done.
 */
@Component
class OnboardingStarter {

  private static final Logger LOG = LoggerFactory.getLogger(OnboardingStarter.class);

  /** How old a STARTING row must be before the sweeper takes it (its own start is under way). */
  static final Duration SWEEP_AFTER = Duration.ofSeconds(10);

  private final OnboardingRepository onboardings;
  private final ProcessEngine engine;
  private final TransactionTemplate newTransaction;
  private final Clock clock;
  private final JdbcClient jdbc;
  private final ExecutorService starts;
  private final SchedulerLock scheduler;

  /** The onboardings handed to {@link #starts} and not started or given up yet. */
  private final Set<Long> queued = ConcurrentHashMap.newKeySet();

  OnboardingStarter(
      OnboardingRepository onboardings,
      ProcessEngine engine,
      PlatformTransactionManager transactions,
      Clock clock,
      JdbcClient jdbc,
      MeterRegistry meters,
      SchedulerLock scheduler) {
    this.scheduler = scheduler;
    this.onboardings = onboardings;
    this.engine = engine;
    this.newTransaction = new TransactionTemplate(transactions);
    this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
    this.jdbc = jdbc;
    this.starts =
        Executors.newFixedThreadPool(
            START_THREADS, Thread.ofPlatform().name("onboarding-start-", 1).daemon().factory());
    Gauge.builder(QUEUED_STARTS_GAUGE, queued, Set::size)
        .description("Onboardings stored and waiting for their process to be started")
        .register(meters);
  }

  /** The gauge of the onboardings waiting for a start thread or being started by one. */
  static final String QUEUED_STARTS_GAUGE = "passerelle.onboarding.starts.queued";

  /**
   * How long a start thread waits for the engine to take new work before each attempt, and how many
   * attempts it makes while the engine pushes back, before leaving the onboarding to the sweeper.
   */
  static final Duration CAPACITY_WAIT = Duration.ofSeconds(30);

  static final int BUSY_ATTEMPTS = 3;

  /** How many onboardings are started at once after their commit. */
  static final int START_THREADS = 4;

  /** Starts the onboarding once the current transaction has committed. */
  void startAfterCommit(long onboardingId) {
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            queued.add(onboardingId);
            try {
              starts.execute(
                  () -> {
                    try {
                      startNow(onboardingId);
                    } finally {
                      queued.remove(onboardingId);
                    }
                  });
            } catch (RejectedExecutionException e) {
              queued.remove(onboardingId);
              LOG.warn(
                  "Onboarding {} stored; the sweeper will start it (shutting down)", onboardingId);
            }
          }
        });
  }

  private void startNow(long onboardingId) {
    try {
      for (int attempt = 1; ; attempt++) {
        // during a burst (a bulk) the embedded engine pushes back: wait for it here rather than
        // be refused, roll back and leave the row to the sweeper (a transaction and a call each)
        engine.awaitCapacity(CAPACITY_WAIT);
        try {
          start(onboardingId);
          return;
        } catch (EngineUnavailableException e) {
          if (!e.busy() || attempt >= BUSY_ATTEMPTS) {
            throw e;
          }
        }
      }
    } catch (EngineUnavailableException e) {
      // an engine down, or still busy after the waits: the sweeper starts it; one line at INFO
      LOG.info(
          "Onboarding {} stored; the engine {}: the sweeper starts it",
          onboardingId,
          e.busy() ? "is busy (back-pressure)" : "does not answer");
    } catch (RuntimeException e) {
      LOG.warn(
          "Onboarding {} stored but not started yet ({}); it will be started again",
          onboardingId,
          e.toString());
    }
  }

  @PreDestroy
  void stopStarting() {
    starts.shutdownNow();
  }

  /**
   * Starts the process of a STARTING onboarding; does nothing for one that has started.
   *
   * @return true when this call started it
   */
  boolean start(long onboardingId) {
    return start(onboardingId, null);
  }

  /**
   * @param lockTimeout how long to wait for the row's lock (the sweeper does not wait behind a
   *     transaction that holds it: that row fails, the others go on); null waits
   */
  private boolean start(long onboardingId, Duration lockTimeout) {
    Boolean started =
        newTransaction.execute(
            status -> {
              if (lockTimeout != null) {
                jdbc.sql("select set_config('lock_timeout', ?, true)")
                    .param(lockTimeout.toMillis() + "ms")
                    .query(String.class)
                    .single();
              }
              Onboarding onboarding = onboardings.lockById(onboardingId).orElse(null);
              if (onboarding == null || onboarding.getStatus() != OnboardingStatus.STARTING) {
                return false;
              }
              long key = engine.startInstance(Processes.CLIENT_ONBOARDING, variables(onboarding));
              onboarding.started(key, clock.instant());
              onboardings.saveAndFlush(onboarding);
              return true;
            });
    return Boolean.TRUE.equals(started);
  }

  /**
   * Starts what stayed STARTING (engine down at the time, crash after the commit), except what the
   * start threads still have in hand. A row that fails (its lock held elsewhere, a refusal) is left
   * for the next sweep and the others go on; only an engine that does not answer (or pushes back)
   * ends the sweep, since every row would wait for it the same way.
   *
   * <p>One sweep at a time across the instances ({@link SchedulerLock}): each row is safe anyway
   * (its lock and its status), but two sweeps would wait on each other's rows.
   *
   * @return how many this sweep started (0 when another instance was sweeping)
   */
  @Scheduled(
      fixedDelayString = "${passerelle.journey.start-sweep-interval:PT15S}",
      initialDelayString = "${passerelle.journey.start-sweep-interval:PT15S}")
  int sweep() {
    int[] started = {0};
    scheduler.runAlone(SWEEP_JOB, () -> started[0] = sweepRows());
    return started[0];
  }

  /** A sweep now, after the one under way on any instance: never skipped (tests). */
  int sweepNow() {
    int[] started = {0};
    scheduler.runAfterOthers(SWEEP_JOB, () -> started[0] = sweepRows());
    return started[0];
  }

  static final String SWEEP_JOB = "onboarding-start-sweep";

  private int sweepRows() {
    int started = 0;
    for (long id : onboardings.startingBefore(clock.instant().minus(SWEEP_AFTER))) {
      if (queued.contains(id)) {
        continue;
      }
      if (!engine.awaitCapacity(SWEEP_CAPACITY_WAIT)) {
        break; // the engine is busy: the next sweep goes on
      }
      try {
        if (start(id, SWEEP_LOCK_TIMEOUT)) {
          started++;
          LOG.info("Onboarding {} started by the sweeper", id);
        }
      } catch (EngineUnavailableException e) {
        LOG.warn("Onboarding {} still not started: {}", id, e.toString());
        break; // the engine is down or pushing back: try again at the next sweep
      } catch (RuntimeException e) {
        LOG.warn(
            "Onboarding {} not started by this sweep (the next one tries again): {}",
            id,
            e.toString());
      }
    }
    return started;
  }

  /** How long the sweeper waits for the engine to take new work before each row. */
  static final Duration SWEEP_CAPACITY_WAIT = Duration.ofSeconds(5);

  /** How long the sweeper waits for a STARTING row's lock before going on to the next row. */
  static final Duration SWEEP_LOCK_TIMEOUT = Duration.ofSeconds(2);

  static Map<String, Object> variables(Onboarding onboarding) {
    long id = onboarding.getId();
    Map<String, Object> variables = new HashMap<>();
    variables.put(Variables.ONBOARDING_ID, id);
    variables.put(Variables.ONBOARDING_KEY, ProcessNames.onboardingKey(id));
    variables.put(
        Variables.BUSINESS_KEY,
        onboarding.getContactId() == null
            ? "dossier-" + onboarding.getDossierId() + "/onboarding-" + id
            : "dossier-" + onboarding.getDossierId() + "/contact-" + onboarding.getContactId());
    variables.put(Variables.DOSSIER_ID, onboarding.getDossierId());
    variables.put(Variables.OFFER_CODE, onboarding.getOfferCode());
    variables.put(Variables.SEND_NOW, onboarding.isSendNow());
    return variables;
  }
}
