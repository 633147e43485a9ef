package io.passerelle.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Health component {@code engine}: UP when the engine's gateway answers a topology request and the
 * models are deployed; OUT_OF_SERVICE while the start-up deployment runs (the web server already
 * answers then, but no process can start yet), so that whoever waits for health UP waits for it.
 */
@Component("engine")
class EngineHealthIndicator extends AbstractHealthIndicator {

  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  private final ProcessEngine engine;
  private final ObjectProvider<EmbeddedZeebeEngine> embedded;
  private final ObjectProvider<EngineCommandRelay> commands;

  /** Without the durability details (remote mode, or a test of the gateway's answer alone). */
  EngineHealthIndicator(ProcessEngine engine) {
    this(
        engine,
        new StaticListableBeanFactory().getBeanProvider(EmbeddedZeebeEngine.class),
        new StaticListableBeanFactory().getBeanProvider(EngineCommandRelay.class));
  }

  @Autowired
  EngineHealthIndicator(
      ProcessEngine engine,
      ObjectProvider<EmbeddedZeebeEngine> embedded,
      ObjectProvider<EngineCommandRelay> commands) {
    super("The process engine does not answer");
    this.engine = engine;
    this.embedded = embedded;
    this.commands = commands;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    // first: shown even when the engine does not answer (then the outbox is what waits for it)
    EngineCommandRelay relay = commands.getIfAvailable();
    if (relay != null) {
      outbox(builder, relay);
    }
    var topology = engine.topology(TIMEOUT);
    if (!engine.deployedModels().isStartupDeploymentDone()) {
      builder.outOfService().withDetail("models", "being deployed");
    } else {
      builder.up();
    }
    builder
        .withDetail("mode", engine.mode().name().toLowerCase())
        .withDetail("gatewayVersion", topology.gatewayVersion())
        .withDetail("partitions", topology.partitions());
    EmbeddedZeebeEngine local = embedded.getIfAvailable();
    if (local != null) {
      durability(builder, local);
    }
  }

  /**
   * The command outbox: commands committed and not yet taken by the engine, and those it refused
   * for good (each logged with its error, kept in {@code engine_command}); never a reason for DOWN.
   */
  private static void outbox(Health.Builder builder, EngineCommandRelay relay) {
    EngineCommandRelay.Status status;
    try {
      status = relay.status();
    } catch (RuntimeException e) {
      builder.withDetail("commandOutbox", "unknown (the database does not answer)");
      return;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("waiting", status.waiting());
    details.put("failed", status.failed());
    if (status.oldestWaiting() != null) {
      details.put("oldestWaitingSince", status.oldestWaiting().toString());
    }
    builder.withDetail("commandOutbox", details);
  }

  /** Embedded mode: where the data directory stands; DOWN when the log cannot be forced to disk. */
  private static void durability(Health.Builder builder, EmbeddedZeebeEngine local) {
    var log = local.logStorage();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("dataDirectory", local.dataDirectory().root().toString());
    details.put("logFirstPosition", log.firstPosition());
    details.put("logLastPosition", log.lastPosition());
    details.put("logSegments", log.segmentCount());
    details.put("logMegabytes", log.byteCount() / (1024 * 1024));
    local.snapshots().list().stream()
        .findFirst()
        .ifPresent(
            s -> {
              details.put("lastSnapshotPosition", s.processedPosition());
              details.put("lastSnapshotAt", Instant.ofEpochMilli(s.takenAt()).toString());
            });
    if (log.failure() != null) {
      builder
          .down()
          .withDetail("error", "The engine's log cannot be forced to disk: " + log.failure());
    }
    builder.withDetail("durability", details);
  }
}
