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
import io.grpc.ServerInterceptor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.passerelle.config.StartupConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * The real Zeebe engine inside the application, with its gRPC gateway on a local port, keeping
 * everything it needs to come back in its data directory ({@link EngineDataDirectory}).
 *
 * <p>Assembled from the in-memory test engine's parts ({@link PasserelleEngineAssembly}) and
 * recovered as a Zeebe broker recovers a partition: the log on disk ({@link DurableLogStorage},
 * every block forced before it is committed) is the truth; the state is Zeebe's own RocksDB,
 * rebuilt at each start from the latest snapshot ({@link EngineSnapshots}) and brought up to date
 * by the stream processor's replay of the log after it. The gateway opens once the replay is over.
 * The only class that reaches into the engine's internals: its clock (the engine time is the wall
 * clock plus an offset that only grows, kept in the data directory) and its log stream (read by
 * {@link EngineRecordProjection}, written by {@link EmbeddedModeOperations}).
 */
public class EmbeddedZeebeEngine implements DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedZeebeEngine.class);

  /** RocksDB's memory (block cache and write buffers) for the engine's state. */
  static final long STATE_MEMORY_LIMIT = 64L * 1024 * 1024;

  /** How long the replay of the log after the last snapshot may take at start. */
  static final Duration REPLAY_TIMEOUT = Duration.ofMinutes(10);

  private final PasserelleEngineAssembly engine;
  private final int port;
  private final ControlledActorClock clock;
  private final EngineDataDirectory data;
  private final DurableLogStorage logStorage;
  private final EngineSnapshots snapshots;
  private final ZeebeDb<ZbColumnFamilies> database;
  private final Optional<EngineSnapshots.Snapshot> recoveredFrom;
  private final ScheduledCommandDeduplication scheduledCommands;
  private final GatewayBackPressure backPressure;
  private final Object snapshotLock = new Object();
  private long offsetMillis;
  private volatile boolean stopped;

  /**
   * The backlog above which the gateway refuses new work ({@code passerelle.engine.backlog-limit}).
   */
  public static final long DEFAULT_BACKLOG_LIMIT = 20_000;

  /** The engine on its gateway's default address (loopback, no secret): tests, measurements. */
  public EmbeddedZeebeEngine(int port, EngineDataDirectory data, boolean groupCommit) {
    this(port, GatewayBinding.loopback(), data, groupCommit, DEFAULT_BACKLOG_LIMIT);
  }

  /** The same, with a backlog limit of the caller's choosing (tests). */
  public EmbeddedZeebeEngine(
      int port, EngineDataDirectory data, boolean groupCommit, long backlogLimit) {
    this(port, GatewayBinding.loopback(), data, groupCommit, backlogLimit);
  }

  /**
   * Recovers the engine from {@code data} and starts it.
   *
   * @param gateway where the gRPC gateway listens, and the secret its calls must carry, if any
   * @param groupCommit one disk sync for every block appended since the last one (false: one per
   *     block, for comparison)
   * @param backlogLimit above this many positions written and not yet read by the engine, the
   *     gateway refuses new work with RESOURCE_EXHAUSTED ({@link GatewayBackPressure})
   */
  public EmbeddedZeebeEngine(
      int port,
      GatewayBinding gateway,
      EngineDataDirectory data,
      boolean groupCommit,
      long backlogLimit) {
    this.port = port;
    this.data = data;
    long started = System.nanoTime();
    this.logStorage = openLog(data, groupCommit);
    var factory = stateFactory();
    try {
      this.snapshots = new EngineSnapshots(data.snapshots());
      this.recoveredFrom = snapshots.recover(factory, data.state(), logStorage.firstPosition());
    } catch (IOException e) {
      logStorage.close();
      throw new UncheckedIOException("The engine's state could not be recovered", e);
    }
    requireStateBeforeLog();
    this.database = factory.createDb(data.state().toFile());
    this.scheduledCommands = ScheduledCommandDeduplication.forEngineCheckers();
    this.backPressure = new GatewayBackPressure(backlogLimit, this::backlog);
    // the last interceptor sees a call first: the secret's check, then the back-pressure
    List<ServerInterceptor> interceptors = new ArrayList<>();
    interceptors.add(backPressure);
    interceptors.addAll(gateway.interceptors());
    this.engine =
        new PasserelleEngineAssembly(
            gateway.socketAddress(port), interceptors, logStorage, database, scheduledCommands);
    this.clock = engine.clock();
    this.offsetMillis = data.clockOffsetMillis();
    if (offsetMillis > 0) {
      clock.addTime(Duration.ofMillis(offsetMillis));
    }
    replayAndListen();
    LOG.info(
        "Embedded Zeebe engine listening on {} (ready in {} ms; data in {}; state from {}, log"
            + " positions {} to {}{})",
        engine.gatewayAddress(),
        Duration.ofNanos(System.nanoTime() - started).toMillis(),
        data.root(),
        recoveredFrom.map(s -> "snapshot " + s.path().getFileName()).orElse("the log's start"),
        logStorage.firstPosition(),
        logStorage.lastPosition(),
        offsetMillis > 0 ? "; clock offset " + Duration.ofMillis(offsetMillis) : "");
  }

  /** Opens the log, a damaged or unreadable one stopping the start with what to do. */
  private static DurableLogStorage openLog(EngineDataDirectory data, boolean groupCommit) {
    try {
      return DurableLogStorage.open(data.log(), groupCommit);
    } catch (DurableLogStorage.CorruptLogException e) {
      throw new StartupConfigurationException(
          e.getMessage(),
          "restore the data directory from a backup, or reset it (scripts/reset: everything the"
              + " engine held is lost)",
          e);
    } catch (IOException e) {
      throw new StartupConfigurationException(
          "The engine's log in " + data.log() + " cannot be opened (" + e.getMessage() + ")",
          "check the data directory's permissions and free space",
          e);
    }
  }

  /** A log that starts after position 1 needs a snapshot of the state before its start. */
  private void requireStateBeforeLog() {
    long logFirst = logStorage.firstPosition();
    if (recoveredFrom.isEmpty() && logFirst > 1) {
      logStorage.close();
      throw new StartupConfigurationException(
          "The engine's log in "
              + data.log()
              + " starts at position "
              + logFirst
              + " but no snapshot of the state before it is left in "
              + data.snapshots(),
          "restore the data directory from a backup, or reset it (scripts/reset)");
    }
  }

  /** Replays the log, then listens: a port taken stops the start with what to do. */
  private void replayAndListen() {
    try {
      engine.start(REPLAY_TIMEOUT);
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
  }

  private static ZeebeRocksDbFactory<ZbColumnFamilies> stateFactory() {
    var configuration =
        new RocksDbConfiguration()
            .setMemoryLimit(STATE_MEMORY_LIMIT)
            // as in a broker: the working state is never reopened (rebuilt from a snapshot and
            // the log at each start), so it needs no write-ahead log
            .setWalDisabled(true);
    return new ZeebeRocksDbFactory<>(
        configuration,
        new ConsistencyChecksSettings(),
        new AccessMetricsConfiguration(AccessMetricsConfiguration.Kind.NONE, 1),
        SimpleMeterRegistry::new);
  }

  /** The projection's image kept in the snapshot the state was recovered from, if any. */
  Optional<byte[]> recoveredProjection() {
    return recoveredFrom.flatMap(EngineSnapshots.Snapshot::projection);
  }

  /**
   * Takes a snapshot of the state with the projection's image, then deletes the log segments no
   * kept snapshot needs.
   *
   * @return the snapshot, or empty when the engine has processed nothing since the last one
   */
  Optional<EngineSnapshots.Snapshot> takeSnapshot(EngineRecordProjection projection) {
    synchronized (snapshotLock) {
      if (stopped) {
        return Optional.empty();
      }
      long processed = engine.lastProcessedPosition();
      var latest = snapshots.list().stream().findFirst();
      if (processed < 0 || latest.map(s -> s.processedPosition() >= processed).orElse(false)) {
        return Optional.empty();
      }
      EngineRecordProjection.Image image = projection.image();
      try {
        var taken = snapshots.take(database, processed, image, logStorage::awaitDurable);
        long needed = snapshots.logNeededFrom();
        int deleted = needed > 0 ? logStorage.deleteBelow(needed) : 0;
        LOG.debug(
            "Engine snapshot {} taken; {} log segment(s) deleted",
            taken.path().getFileName(),
            deleted);
        return Optional.of(taken);
      } catch (IOException e) {
        throw new UncheckedIOException("The engine's snapshot could not be taken", e);
      }
    }
  }

  EngineSnapshots snapshots() {
    return snapshots;
  }

  EngineDataDirectory dataDirectory() {
    return data;
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
    synchronized (snapshotLock) {
      // on disk before it takes effect: after a crash the clock is never behind what the engine
      // did with it
      data.writeClockOffset(offsetMillis + duration.toMillis());
      offsetMillis += duration.toMillis();
      engine.increaseTime(duration);
    }
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

  /**
   * Positions on the log the engine has not read yet: what a new command waits behind. Two volatile
   * reads (the log's committed end, the stream processor's read position), no call into the engine;
   * 0 before the engine runs.
   */
  public long backlog() {
    var assembled = engine;
    if (assembled == null) {
      return 0;
    }
    long read = assembled.readPosition();
    return Math.max(0, logStorage.committedPosition() - Math.max(read, 0));
  }

  /** The backlog above which the gateway refuses new work. */
  public long backlogLimit() {
    return backPressure.limit();
  }

  /** The position of the last command the engine has processed. */
  long lastProcessedPosition() {
    return engine.lastProcessedPosition();
  }

  DurableLogStorage logStorage() {
    return logStorage;
  }

  @Override
  public void destroy() {
    LOG.info("Stopping the embedded Zeebe engine on port {}", port);
    safeStop();
  }

  /**
   * Stops the engine and closes the log; the working state is deleted (the next start rebuilds it
   * from the latest snapshot and the log), the data directory is kept and unlocked.
   */
  private void safeStop() {
    synchronized (snapshotLock) {
      stopped = true;
    }
    try {
      engine.stop();
    } catch (Exception e) {
      LOG.warn("The embedded engine did not stop cleanly: {}", e.toString());
    }
    logStorage.close();
    try {
      EngineDataDirectory.deleteRecursively(data.state());
    } catch (IOException e) {
      LOG.warn("The engine's working state in {} was not deleted: {}", data.state(), e.toString());
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
