package io.passerelle.engine;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Takes the embedded engine's snapshots, as a broker's {@code AsyncSnapshotDirector} does: every
 * second the projection reads what is new; a snapshot (the state's checkpoint with the projection's
 * image) is taken once the engine has processed {@code records} positions since the last one, or
 * after {@code interval} if it processed anything at all, and once more at a clean stop. Each
 * snapshot lets the log forget the segments below it, and bounds what a restart replays.
 */
final class EngineSnapshotDirector implements DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(EngineSnapshotDirector.class);
  static final Duration TICK = Duration.ofSeconds(1);

  /** Above this, the log holds a backlog worth saying so (every {@link #REPORT_EVERY} at most). */
  private static final long BACKLOG_WARNING_POSITIONS = 200_000;

  private static final Duration REPORT_EVERY = Duration.ofSeconds(10);

  private final EmbeddedZeebeEngine engine;
  private final EngineRecordProjection projection;
  private final Duration interval;
  private final long records;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("engine-snapshot-director").daemon().factory());
  private long lastSnapshotPosition;
  private long lastSnapshotAt = System.nanoTime();
  private long lastReport;

  EngineSnapshotDirector(
      EmbeddedZeebeEngine engine,
      EngineRecordProjection projection,
      Duration interval,
      long records) {
    this.engine = engine;
    this.projection = projection;
    this.interval = interval;
    this.records = records;
    this.lastSnapshotPosition =
        engine.snapshots().list().stream()
            .findFirst()
            .map(EngineSnapshots.Snapshot::processedPosition)
            .orElse(-1L);
    timer.scheduleWithFixedDelay(
        this::tickSafely, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Reads what is new and takes a snapshot when one is due. */
  void tick() {
    projection.catchUpNow();
    long processed = engine.lastProcessedPosition();
    boolean due =
        processed - lastSnapshotPosition >= records
            || (processed > lastSnapshotPosition
                && System.nanoTime() - lastSnapshotAt >= interval.toNanos());
    if (due) {
      snapshotNow();
    }
    reportBacklog(processed);
  }

  /** Takes a snapshot now (if the engine processed anything since the last one). */
  synchronized void snapshotNow() {
    long started = System.nanoTime();
    engine
        .takeSnapshot(projection)
        .ifPresent(
            snapshot -> {
              lastSnapshotPosition = snapshot.processedPosition();
              lastSnapshotAt = System.nanoTime();
              LOG.debug(
                  "Engine snapshot at position {} in {} ms",
                  snapshot.processedPosition(),
                  Duration.ofNanos(lastSnapshotAt - started).toMillis());
            });
  }

  /** Says so, every 10 s at most, while the log holds much more than the engine has processed. */
  private void reportBacklog(long processed) {
    long backlog = engine.logStorage().lastPosition() - processed;
    long now = System.nanoTime();
    if (backlog > BACKLOG_WARNING_POSITIONS && now - lastReport > REPORT_EVERY.toNanos()) {
      lastReport = now;
      LOG.info(
          "The engine's log holds {} positions the engine has not processed yet (processed up to"
              + " {}); the engine is catching up (a burst of due timers, a large bulk)",
          backlog,
          processed);
    }
  }

  private void tickSafely() {
    try {
      tick();
    } catch (RuntimeException e) {
      LOG.warn("The engine's snapshot was not taken this time: {}", e.toString());
    }
  }

  @Override
  public void destroy() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(10, TimeUnit.SECONDS);
      // the next start then replays nothing
      snapshotNow();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.warn("No snapshot at stop: {}", e.toString());
    }
  }
}
