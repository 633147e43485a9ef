package io.passerelle.operations;

import io.passerelle.dossiercreation.LostDossierRequests;
import io.passerelle.engine.InstanceState;
import io.passerelle.engine.ProcessEngine;
import io.passerelle.onboarding.LostOnboardings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The reconciliation check: every onboarding (STARTING or IN_PROGRESS with an instance key) and
 * dossier request in progress is asked of the engine in one batch ({@link
 * ProcessEngine#instanceStatuses}: the embedded projection in memory, a cluster's search by keys,
 * paged); those whose instance the engine does not run are looked at once more in the database (a
 * journey that ended between the two reads is not lost) and kept as the latest report, which the
 * health detail and the operator page read without asking the engine again.
 *
 * <p>It runs once at start-up, on a thread of its own once the start-up deployment is done (health
 * and readiness never wait for it), and on demand. In remote mode, instances started within {@code
 * passerelle.operations.reconciliation-grace} (2 minutes) are left out: the cluster's search shows
 * an instance a moment after it starts.
 */
@Component("reconciliationCheck")
class Reconciliation {

  private static final Logger LOG = LoggerFactory.getLogger(Reconciliation.class);

  private final LostOnboardings onboardings;
  private final LostDossierRequests requests;
  private final ProcessEngine engine;
  private final Clock clock;
  private final Duration grace;
  private final AtomicReference<ReconciliationReport> latest =
      new AtomicReference<>(ReconciliationReport.notYet());
  private final ReentrantLock running = new ReentrantLock();

  Reconciliation(
      LostOnboardings onboardings,
      LostDossierRequests requests,
      ProcessEngine engine,
      Clock clock,
      @Value("${passerelle.operations.reconciliation-grace:PT2M}") Duration grace) {
    this.onboardings = onboardings;
    this.requests = requests;
    this.engine = engine;
    this.clock = clock;
    this.grace = engine.searchLags() ? grace : Duration.ZERO;
  }

  ReconciliationReport latest() {
    return latest.get();
  }

  /** At start-up, off the main thread: wait for the models, then check (the engine may be slow). */
  @EventListener(ApplicationReadyEvent.class)
  void atStartup() {
    Thread.ofPlatform()
        .name("reconciliation")
        .daemon()
        .start(
            () -> {
              try {
                for (int i = 0;
                    i < 600 && !engine.deployedModels().isStartupDeploymentDone();
                    i++) {
                  Thread.sleep(1_000);
                }
                ReconciliationReport report = run();
                if (report.failure() != null) {
                  LOG.warn("Reconciliation at start-up could not run: {}", report.failure());
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
  }

  /** Checks now (one run at a time: a second caller waits for the first and runs after it). */
  ReconciliationReport run() {
    running.lock();
    try {
      return latest.updateAndGet(previous -> check());
    } finally {
      running.unlock();
    }
  }

  /** An action took this one off the list (restarted, closed, or found done already). */
  void resolved(LostInstance.Kind kind, long id) {
    latest.updateAndGet(report -> report.without(kind, id));
  }

  private ReconciliationReport check() {
    Instant started = clock.instant();
    long t0 = System.nanoTime();
    try {
      Instant before = started.minus(grace);
      var runningOnboardings = onboardings.running(before);
      var runningRequests = requests.running(before);
      List<Long> keys = new ArrayList<>(runningOnboardings.size() + runningRequests.size());
      runningOnboardings.forEach(o -> keys.add(o.processInstanceKey()));
      runningRequests.forEach(r -> keys.add(r.processInstanceKey()));
      Map<Long, InstanceState.Status> statuses = engine.instanceStatuses(keys);
      List<LostInstance> lost = new ArrayList<>(lostOnboardings(runningOnboardings, statuses));
      lost.addAll(lostRequests(runningRequests, statuses));
      long millis = Duration.ofNanos(System.nanoTime() - t0).toMillis();
      if (!lost.isEmpty()) {
        LOG.warn(
            "Reconciliation: {} onboarding(s) or dossier request(s) in progress whose process"
                + " instance the engine does not run; see /operations",
            lost.size());
      }
      LOG.info(
          "Reconciliation: {} onboardings and {} dossier requests checked in {} ms, {} lost",
          runningOnboardings.size(),
          runningRequests.size(),
          millis,
          lost.size());
      return new ReconciliationReport(
          started, millis, runningOnboardings.size(), runningRequests.size(), lost, null);
    } catch (RuntimeException e) {
      long millis = Duration.ofNanos(System.nanoTime() - t0).toMillis();
      return new ReconciliationReport(started, millis, 0, 0, List.of(), e.getMessage());
    }
  }

  /** The onboardings whose instance the engine does not run, and that still hold its key. */
  private List<LostInstance> lostOnboardings(
      List<LostOnboardings.Running> running, Map<Long, InstanceState.Status> statuses) {
    List<LostInstance> lost = new ArrayList<>();
    for (var o : running) {
      InstanceState.Status status = statuses.get(o.processInstanceKey());
      if (status != InstanceState.Status.ACTIVE
          && onboardings.stillRunningWith(o.onboardingId(), o.processInstanceKey())) {
        lost.add(
            new LostInstance(
                LostInstance.Kind.ONBOARDING,
                o.onboardingId(),
                o.dossierId(),
                o.processInstanceKey(),
                status == null ? null : status.name(),
                o.status().name(),
                o.stage().name(),
                o.stage().resumesExactly(),
                true,
                o.startedAt()));
      }
    }
    return lost;
  }

  /** The dossier requests whose instance the engine does not run, and that still hold its key. */
  private List<LostInstance> lostRequests(
      List<LostDossierRequests.Running> running, Map<Long, InstanceState.Status> statuses) {
    List<LostInstance> lost = new ArrayList<>();
    for (var r : running) {
      InstanceState.Status status = statuses.get(r.processInstanceKey());
      if (status != InstanceState.Status.ACTIVE
          && requests.stillRunningWith(r.dossierRequestId(), r.processInstanceKey())) {
        lost.add(
            new LostInstance(
                LostInstance.Kind.DOSSIER_REQUEST,
                r.dossierRequestId(),
                null,
                r.processInstanceKey(),
                status == null ? null : status.name(),
                r.status().name(),
                r.status().name(),
                false,
                false,
                r.since()));
      }
    }
    return lost;
  }
}
