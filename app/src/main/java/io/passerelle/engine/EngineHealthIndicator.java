package io.passerelle.engine;

import java.time.Duration;
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

  EngineHealthIndicator(ProcessEngine engine) {
    super("The process engine does not answer");
    this.engine = engine;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
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
  }
}
