package io.passerelle.engine;

import io.camunda.zeebe.logstreams.log.LogStream;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.engine.EngineFactory;
import io.camunda.zeebe.scheduler.clock.ControlledActorClock;
import io.passerelle.config.StartupConfigurationException;
import java.io.IOException;
import java.lang.reflect.Field;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * The real Zeebe engine, in memory, with its gRPC gateway on a local port.
 *
 * <p>The only class that reaches into the engine's internals: its clock (the engine time is the
 * wall clock plus an offset that only grows) and its log stream (read by {@link
 * EngineRecordProjection}, written by {@link EmbeddedModeOperations}). State lives in memory and is
 * gone when the application stops.
 */
public class EmbeddedZeebeEngine implements DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedZeebeEngine.class);

  private final ZeebeTestEngine engine;
  private final int port;
  private final ControlledActorClock clock;
  private final LogStream logStream;

  public EmbeddedZeebeEngine(int port) {
    this.port = port;
    long started = System.nanoTime();
    this.engine = EngineFactory.create(port);
    try {
      engine.start();
    } catch (RuntimeException e) {
      safeStop();
      if (hasCause(e, IOException.class)) {
        throw new StartupConfigurationException(
            "The embedded engine could not listen on port " + port + " (" + rootMessage(e) + ")",
            "set PASSERELLE_ENGINE_PORT to a free port, or 0 for any free port",
            e);
      }
      throw e;
    }
    this.clock = internal("clock", ControlledActorClock.class);
    this.logStream = internal("logStream", LogStream.class);
    LOG.info(
        "Embedded Zeebe engine listening on {} (started in {} ms)",
        engine.getGatewayAddress(),
        Duration.ofNanos(System.nanoTime() - started).toMillis());
  }

  public int port() {
    return port;
  }

  /** The engine's current time: the wall clock plus every advance made so far. */
  public Instant now() {
    return Instant.ofEpochMilli(currentMillis());
  }

  /** Moves the engine clock forward; due timers fire as on a real cluster. Never taken back. */
  public void advance(Duration duration) {
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("The engine clock only moves forward");
    }
    engine.increaseTime(duration);
  }

  /** How far the engine clock is ahead of the wall clock. */
  public Duration offset() {
    // whole seconds: the two clocks are read a few microseconds apart
    return Duration.ofSeconds(Math.round((currentMillis() - System.currentTimeMillis()) / 1000.0));
  }

  /**
   * The clock caches its time until an engine thread refreshes it; an idle engine would show a
   * stale time, so refresh it first (the same wall clock plus offset the engine threads compute).
   */
  private long currentMillis() {
    clock.update();
    return clock.getCurrentTimeInMillis();
  }

  LogStream logStream() {
    return logStream;
  }

  @Override
  public void destroy() {
    LOG.info("Stopping the embedded Zeebe engine on port {}", port);
    safeStop();
  }

  private void safeStop() {
    try {
      engine.stop();
    } catch (RuntimeException e) {
      LOG.warn("The embedded engine did not stop cleanly: {}", e.toString());
    }
  }

  private <T> T internal(String name, Class<T> type) {
    try {
      Field field = engine.getClass().getDeclaredField(name);
      field.setAccessible(true);
      return type.cast(field.get(engine));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "This zeebe-process-test-engine version has no field '"
              + name
              + "': align the engine version with the one in the parent pom",
          e);
    }
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }
}
