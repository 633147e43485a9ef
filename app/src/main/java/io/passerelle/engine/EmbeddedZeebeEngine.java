package io.passerelle.engine;

import io.camunda.zeebe.db.AccessMetricsConfiguration;
import io.camunda.zeebe.db.ConsistencyChecksSettings;
import io.camunda.zeebe.db.ZeebeDb;
import io.camunda.zeebe.db.impl.rocksdb.RocksDbConfiguration;
import io.camunda.zeebe.db.impl.rocksdb.ZeebeRocksDbFactory;
import io.camunda.zeebe.logstreams.log.LogStream;
import io.camunda.zeebe.process.test.engine.PasserelleEngineAssembly;
import io.camunda.zeebe.protocol.ZbColumnFamilies;
import io.camunda.zeebe.scheduler.clock.ControlledActorClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.passerelle.config.StartupConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * The real Zeebe engine inside the application, with its gRPC gateway on a local port.
 *
 * <p>Assembled from the in-memory test engine's parts ({@link PasserelleEngineAssembly}) with
 * Zeebe's own RocksDB state in a temporary directory (deleted at stop: the state lives as long as
 * the JVM, as before) and a log that forgets what has been processed and read ({@link
 * TrimmedLogStorage}), so that neither the time of a step nor the memory grows with everything the
 * engine ever did. The only class that reaches into the engine's internals: its clock (the engine
 * time is the wall clock plus an offset that only grows) and its log stream (read by {@link
 * EngineRecordProjection}, written by {@link EmbeddedModeOperations}).
 */
public class EmbeddedZeebeEngine implements DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedZeebeEngine.class);

  /** RocksDB's memory (block cache and write buffers) for the engine's state. */
  static final long STATE_MEMORY_LIMIT = 64L * 1024 * 1024;

  private final PasserelleEngineAssembly engine;
  private final int port;
  private final ControlledActorClock clock;
  private final TrimmedLogStorage logStorage;
  private final Path stateDirectory;
  private final ScheduledCommandDeduplication scheduledCommands;

  public EmbeddedZeebeEngine(int port, GatewayBinding gateway) {
    this.port = port;
    long started = System.nanoTime();
    this.logStorage = new TrimmedLogStorage();
    try {
      this.stateDirectory = Files.createTempDirectory("passerelle-engine-state-");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the engine's state directory", e);
    }
    ZeebeDb<ZbColumnFamilies> database = openState(stateDirectory);
    this.scheduledCommands = ScheduledCommandDeduplication.forEngineCheckers();
    this.engine =
        new PasserelleEngineAssembly(
            gateway.socketAddress(port),
            gateway.interceptors(),
            logStorage,
            database,
            scheduledCommands);
    try {
      engine.start();
    } catch (IOException | RuntimeException e) {
      safeStop();
      if (e instanceof IOException || hasCause(e, IOException.class)) {
        throw new StartupConfigurationException(
            "The embedded engine could not listen on port " + port + " (" + rootMessage(e) + ")",
            "set PASSERELLE_ENGINE_PORT to a free port, or 0 for any free port",
            e);
      }
      throw (RuntimeException) e;
    }
    this.clock = engine.clock();
    LOG.info(
        "Embedded Zeebe engine listening on {} (started in {} ms, state in {})",
        engine.gatewayAddress(),
        Duration.ofNanos(System.nanoTime() - started).toMillis(),
        stateDirectory);
  }

  private static ZeebeDb<ZbColumnFamilies> openState(Path directory) {
    var configuration =
        new RocksDbConfiguration()
            .setMemoryLimit(STATE_MEMORY_LIMIT)
            // the state dies with the JVM: no write-ahead log to keep
            .setWalDisabled(true);
    return new ZeebeRocksDbFactory<ZbColumnFamilies>(
            configuration,
            new ConsistencyChecksSettings(),
            new AccessMetricsConfiguration(AccessMetricsConfiguration.Kind.NONE, 1),
            SimpleMeterRegistry::new)
        .createDb(directory.toFile());
  }

  /** What the engine's periodic checkers wrote and the engine has not processed yet. */
  ScheduledCommandDeduplication scheduledCommands() {
    return scheduledCommands;
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
    return engine.logStream();
  }

  /** The position of the last command the engine has processed. */
  long lastProcessedPosition() {
    return engine.lastProcessedPosition();
  }

  TrimmedLogStorage logStorage() {
    return logStorage;
  }

  @Override
  public void destroy() {
    LOG.info("Stopping the embedded Zeebe engine on port {}", port);
    safeStop();
  }

  private void safeStop() {
    try {
      engine.stop();
    } catch (Exception e) {
      LOG.warn("The embedded engine did not stop cleanly: {}", e.toString());
    }
    deleteState();
  }

  private void deleteState() {
    try (Stream<Path> files = Files.walk(stateDirectory)) {
      files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
    } catch (IOException e) {
      LOG.warn("The engine's state in {} was not deleted: {}", stateDirectory, e.toString());
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
