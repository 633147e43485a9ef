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
import io.camunda.zeebe.logstreams.storage.LogStorage;
import io.camunda.zeebe.protocol.ZbColumnFamilies;
import io.camunda.zeebe.scheduler.ActorScheduler;
import io.camunda.zeebe.scheduler.clock.ControlledActorClock;
import io.camunda.zeebe.stream.api.scheduling.ScheduledCommandCache.StageableScheduledCommandCache;
import io.camunda.zeebe.stream.impl.ControllableStreamClockImpl;
import io.camunda.zeebe.stream.impl.StreamProcessor;
import io.camunda.zeebe.util.FeatureFlags;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.NettyServerBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

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
 *   <li>the log storage, which may forget what has been processed and read (the test engine's keeps
 *       every record for ever);
 *   <li>the scheduled command cache, which remembers the commands the engine's periodic checkers
 *       wrote until they are processed, so that they are not written again (the test engine, like
 *       the stream processor's default, remembers none: under a burst of due timers the due-date
 *       checker then writes every trigger again every 100 ms).
 * </ul>
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
    var security = new SecurityConfiguration();
    security.getAuthorizations().setEnabled(false);
    this.streamProcessor =
        StreamProcessor.builder()
            .logStream(logStream)
            .zeebeDb(database)
            .commandResponseWriter(responseWriter)
            .partitionCommandSender(commandSender)
            .recordProcessors(
                List.of(
                    new Engine(
                        context ->
                            EngineProcessors.createEngineProcessors(
                                context,
                                PARTITION_COUNT,
                                new SubscriptionCommandSender(
                                    context.getPartitionId(), commandSender),
                                commandSender,
                                FeatureFlags.createDefault(),
                                jobStreamer,
                                SearchClientsProxy.noop(),
                                new BrokerRequestAuthorizationConverter(security)),
                        new EngineConfiguration(),
                        security)))
            .actorSchedulingService(scheduler)
            .scheduledCommandCache(scheduledCommands)
            .clock(new ControllableStreamClockImpl(clock))
            .meterRegistry(new SimpleMeterRegistry())
            .build();
  }

  /** Opens the gateway and starts processing. */
  public void start() throws IOException {
    grpcServer.start();
    streamProcessor.openAsync(false).join();
  }

  /** Stops everything; the state is closed, not kept. */
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

  /** Moves the engine clock forward. */
  public void increaseTime(Duration duration) {
    clock.addTime(duration);
  }

  /** The position of the last command the engine has processed (-1 before the first). */
  public long lastProcessedPosition() {
    return streamProcessor.getLastProcessedPositionAsync().join();
  }
}
