package io.camunda.zeebe.process.test.engine;

import io.camunda.search.clients.SearchClientsProxy;
import io.camunda.security.auth.BrokerRequestAuthorizationConverter;
import io.camunda.security.configuration.SecurityConfiguration;
import io.camunda.zeebe.db.ZeebeDb;
import io.camunda.zeebe.engine.Engine;
import io.camunda.zeebe.engine.EngineConfiguration;
import io.camunda.zeebe.engine.processing.EngineProcessors;
import io.camunda.zeebe.engine.processing.message.command.SubscriptionCommandSender;
import io.camunda.zeebe.logstreams.log.LogStream;
import io.camunda.zeebe.logstreams.log.LoggedEvent;
import io.camunda.zeebe.logstreams.storage.LogStorage;
import io.camunda.zeebe.protocol.ZbColumnFamilies;
import io.camunda.zeebe.scheduler.ActorScheduler;
import io.camunda.zeebe.scheduler.clock.ControlledActorClock;
import io.camunda.zeebe.stream.api.records.TypedRecord;
import io.camunda.zeebe.stream.api.scheduling.ScheduledCommandCache.StageableScheduledCommandCache;
import io.camunda.zeebe.stream.impl.ControllableStreamClockImpl;
import io.camunda.zeebe.stream.impl.StreamProcessor;
import io.camunda.zeebe.stream.impl.StreamProcessorListener;
import io.camunda.zeebe.util.FeatureFlags;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.NettyServerBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Passerelle's assembly of the in-memory engine ({@code zeebe-process-test-engine}): the same parts
 * as its {@code EngineFactory} — the real Zeebe stream processor and engine processors behind the
 * same gRPC gateway — with three parts of our choosing, given by the caller:
 *
 * <ul>
 *   <li>the state database. The test engine's own in-memory database copies its whole content into
 *       a new sorted map for every prefix iteration, which the engine does several times per step
 *       (variables, taken sequence flows, activatable jobs, due timers): each step then costs time
 *       in proportion to everything that waits, and the engine slows down as invitations
 *       accumulate. Zeebe's own RocksDB state keeps iterations logarithmic;
 *   <li>the log storage: on disk, forced before a block is committed, compacted below the last
 *       snapshot (the test engine's keeps every record in memory for ever);
 *   <li>the scheduled command cache, which remembers the commands the engine's periodic checkers
 *       wrote until they are processed, so that they are not written again (the test engine, like
 *       the stream processor's default, remembers none: under a burst of due timers the due-date
 *       checker then writes every trigger again every 100 ms).
 * </ul>
 *
 * <p>The stream processor recovers as in a broker: it reads the last processed position from the
 * state it is given, replays the log after it, then processes; {@link #start} opens the gateway
 * only then. The caller recovers the log storage before building this (the log stream's first
 * position comes from the storage's end).
 *
 * <p>It lives in the engine's package because the gateway, the command writer and the job streamer
 * it wires are package-private there; it uses nothing else of the package. {@code
 * io.passerelle.engine.EmbeddedZeebeEngine} is its only user.
 */
public final class PasserelleEngineAssembly {

  private static final int PARTITION_ID = 1;
  private static final int PARTITION_COUNT = 1;

  private final ControlledActorClock clock;
  private final ActorScheduler scheduler;
  private final LogStream logStream;
  private final ZeebeDb<ZbColumnFamilies> database;
  private final GrpcToLogStreamGateway gateway;
  private final Server grpcServer;
  private final StreamProcessor streamProcessor;

  /**
   * The position of the last record the stream processor has read (processed or skipped), written
   * by its own thread after each record: the embedded gateway's back-pressure reads it per request
   * without asking the engine's actor.
   */
  private final AtomicLong readPosition = new AtomicLong(-1);

  /**
   * Builds the engine; nothing runs until {@link #start()}.
   *
   * @param address where the gRPC gateway listens (Passerelle: loopback unless configured)
   * @param interceptors what every gateway call passes first (the shared secret's check, if any)
   * @param logStorage where the log's blocks are kept
   * @param database the engine's state
   * @param scheduledCommands what the periodic checkers wrote and the engine has not processed yet
   */
  public PasserelleEngineAssembly(
      InetSocketAddress address,
      List<ServerInterceptor> interceptors,
      LogStorage logStorage,
      ZeebeDb<ZbColumnFamilies> database,
      StageableScheduledCommandCache scheduledCommands) {
    this.clock = new ControlledActorClock();
    this.scheduler = ActorScheduler.newActorScheduler().setActorClock(clock).build();
    scheduler.start();
    this.logStream =
        LogStream.builder()
            .withPartitionId(PARTITION_ID)
            .withLogStorage(logStorage)
            .withClock(clock)
            .withMeterRegistry(new SimpleMeterRegistry())
            .build();
    this.database = database;
    var commandWriter = new CommandWriter(logStream.newLogStreamWriter());
    var commandSender = new CommandSender(commandWriter);
    var requestStore = new GatewayRequestStore();
    long firstRequestId = startRequestIdsAfterEarlierProcesses(requestStore);
    var jobStreamer = new InMemoryJobStreamer(commandWriter);
    this.gateway =
        new GrpcToLogStreamGateway(
            commandWriter,
            PARTITION_ID,
            PARTITION_COUNT,
            address.getPort(),
            requestStore,
            jobStreamer);
    this.grpcServer =
        NettyServerBuilder.forAddress(address)
            .addService(ServerInterceptors.intercept(gateway, interceptors))
            .build();
    var responseWriter = new GrpcResponseWriter(gateway, requestStore, null);
    this.streamProcessor =
        StreamProcessor.builder()
            .logStream(logStream)
            .zeebeDb(database)
            .commandResponseWriter(new CurrentProcessResponses(responseWriter, firstRequestId))
            .partitionCommandSender(commandSender)
            .recordProcessors(List.of(engine(commandSender, jobStreamer)))
            .actorSchedulingService(scheduler)
            .scheduledCommandCache(scheduledCommands)
            .clock(new ControllableStreamClockImpl(clock))
            .meterRegistry(new SimpleMeterRegistry())
            .listener(new ReadPositionListener(readPosition))
            .build();
  }

  /** The engine's record processors, as a broker's partition has them (no authorizations). */
  private static Engine engine(CommandSender commandSender, InMemoryJobStreamer jobStreamer) {
    var security = new SecurityConfiguration();
    security.getAuthorizations().setEnabled(false);
    return new Engine(
        context ->
            EngineProcessors.createEngineProcessors(
                context,
                PARTITION_COUNT,
                new SubscriptionCommandSender(context.getPartitionId(), commandSender),
                commandSender,
                FeatureFlags.createDefault(),
                jobStreamer,
                SearchClientsProxy.noop(),
                new BrokerRequestAuthorizationConverter(security)),
        new EngineConfiguration(),
        security);
  }

  /** Records how far the stream processor has read; a plain store per record on its thread. */
  private record ReadPositionListener(AtomicLong position) implements StreamProcessorListener {

    @Override
    public void onProcessed(TypedRecord<?> processedCommand) {
      position.setRelease(processedCommand.getPosition());
    }

    @Override
    public void onSkipped(LoggedEvent skippedRecord) {
      position.setRelease(skippedRecord.getPosition());
    }
  }

  /**
   * Starts processing and, once the stream processor has replayed the log written after the state's
   * snapshot and processes new commands, opens the gateway. The gateway's request ids restart at 1
   * in a new process: had it opened during the replay, an answer to a command sent before a restart
   * could reach a new caller.
   *
   * @param replayTimeout how long the replay may take
   */
  public void start(Duration replayTimeout) throws IOException {
    streamProcessor.openAsync(false).join();
    awaitProcessing(replayTimeout);
    // the replay does not call the listener: from here on it does
    readPosition.accumulateAndGet(lastProcessedPosition(), Math::max);
    grpcServer.start();
  }

  private void awaitProcessing(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      StreamProcessor.Phase phase = streamProcessor.getCurrentPhase().join();
      if (phase == StreamProcessor.Phase.PROCESSING) {
        return;
      }
      if (phase == StreamProcessor.Phase.FAILED || streamProcessor.isFailed()) {
        throw new IllegalStateException(
            "The engine's stream processor failed while recovering its state (see the log above)");
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "The engine did not finish replaying its log within " + timeout);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while the engine replayed its log", e);
      }
    }
  }

  /** Stops everything; the state is closed (the caller keeps or deletes it). */
  public void stop() throws Exception {
    grpcServer.shutdownNow();
    grpcServer.awaitTermination();
    streamProcessor.close();
    database.close();
    logStream.close();
    scheduler.stop();
  }

  /** Where the gRPC gateway listens (its own {@code getAddress()} always says 0.0.0.0). */
  public String gatewayAddress() {
    var sockets = grpcServer.getListenSockets();
    return sockets.isEmpty()
        ? gateway.getAddress()
        : sockets.getFirst().toString().replaceFirst("^[^/]*/", "");
  }

  public ControlledActorClock clock() {
    return clock;
  }

  public LogStream logStream() {
    return logStream;
  }

  /**
   * The gateway numbers its requests from 0 in each process, and the number travels in the command
   * on the log: after a restart, a command written before it (not yet processed at the crash) would
   * be answered with the number of a new caller's request. So each process numbers from the time it
   * started, in milliseconds shifted left by 20 bits: above every number an earlier process could
   * have given (it would have needed a million requests a millisecond).
   *
   * @return the first request id of this process
   */
  private static long startRequestIdsAfterEarlierProcesses(GatewayRequestStore store) {
    long first = System.currentTimeMillis() << 20;
    try {
      Field generator = GatewayRequestStore.class.getDeclaredField("requestIdGenerator");
      generator.setAccessible(true);
      ((AtomicLong) generator.get(store)).set(first);
      return first;
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException(
          "The engine's gateway request store is not the one this assembly knows (engine version?)",
          e);
    }
  }

  /** Moves the engine clock forward. */
  public void increaseTime(Duration duration) {
    clock.addTime(duration);
  }

  /**
   * The position of the last record the stream processor has read, processed or skipped (-1 before
   * the first): a volatile read, no call into the engine.
   */
  public long readPosition() {
    return readPosition.getAcquire();
  }

  /** The position of the last command the engine has processed (-1 before the first). */
  public long lastProcessedPosition() {
    return streamProcessor.getLastProcessedPositionAsync().join();
  }
}
