package io.passerelle.microsoft;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Health component {@code microsoftGraph}: whether the tenant is configured, and, once Entra ID or
 * Graph has refused Passerelle's credentials, DOWN with what to fix (the same sentence as the one
 * incident). A firm without a tenant uses no Graph: UP, {@code configured: false}, whatever a call
 * made without it was told (no offer can be MICROSOFT then: the start and the catalogue refuse it).
 * It asks Microsoft nothing itself.
 */
@Component("microsoftGraph")
class GraphHealthIndicator extends AbstractHealthIndicator {

  private final MicrosoftProperties properties;
  private final GraphTokens tokens;

  GraphHealthIndicator(MicrosoftProperties properties, GraphTokens tokens) {
    this.properties = properties;
    this.tokens = tokens;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    builder.withDetail("configured", properties.configured());
    if (!properties.configured()) {
      builder.up();
      return;
    }
    tokens
        .refusal()
        .ifPresentOrElse(
            refusal ->
                builder.down().withDetail("credentials", "REFUSED").withDetail("fix", refusal),
            builder::up);
  }
}
