package io.passerelle.engine;

import java.time.Duration;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/** Health component {@code engine}: UP when the engine's gateway answers a topology request. */
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
    builder
        .up()
        .withDetail("mode", engine.mode().name().toLowerCase())
        .withDetail("gatewayVersion", topology.gatewayVersion())
        .withDetail("partitions", topology.partitions());
  }
}
