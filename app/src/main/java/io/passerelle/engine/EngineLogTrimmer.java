package io.passerelle.engine;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Keeps the embedded engine's log short: every second the projection reads what is new, then the
 * log forgets every block that both the engine has processed and the projection has read. Memory
 * then follows what is in flight, not everything that ever happened.
 */
final class EngineLogTrimmer implements DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(EngineLogTrimmer.class);
  static final Duration INTERVAL = Duration.ofSeconds(1);

  /** Above this, the log holds a backlog worth saying so (every {@link #REPORT_EVERY} at most). */
  private static final long BACKLOG_WARNING_BYTES = 32L * 1024 * 1024;

  private static final Duration REPORT_EVERY = Duration.ofSeconds(10);

  private final EmbeddedZeebeEngine engine;
  private final EngineRecordProjection projection;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("engine-log-trimmer").daemon().factory());
  private long lastReport;

  EngineLogTrimmer(EmbeddedZeebeEngine engine, EngineRecordProjection projection) {
    this.engine = engine;
    this.projection = projection;
    timer.scheduleWithFixedDelay(
        this::trimSafely, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Trims now.
   *
   * @return how many blocks were forgotten
   */
  int trim() {
    long read = projection.catchUpNow();
    long processed = engine.lastProcessedPosition();
    long safe = Math.min(read, processed);
    int dropped = safe < 0 ? 0 : engine.logStorage().trimBelow(safe);
    reportBacklog(read, processed);
    return dropped;
  }

  /** Says so, every 10 s at most, while the log holds more than the engine has caught up with. */
  private void reportBacklog(long read, long processed) {
    long bytes = engine.logStorage().byteCount();
    long now = System.nanoTime();
    if (bytes > BACKLOG_WARNING_BYTES && now - lastReport > REPORT_EVERY.toNanos()) {
      lastReport = now;
      LOG.info(
          "The engine's log holds {} MB in {} blocks: the engine has processed up to position {},"
              + " the projection has read up to {}; the engine is catching up (a burst of due"
              + " timers, a large bulk)",
          bytes / (1024 * 1024),
          engine.logStorage().blockCount(),
          processed,
          read);
    }
  }

  private void trimSafely() {
    try {
      trim();
    } catch (RuntimeException e) {
      LOG.warn("The engine's log was not trimmed this time: {}", e.toString());
    }
  }

  @Override
  public void destroy() {
    timer.shutdownNow();
  }
}
