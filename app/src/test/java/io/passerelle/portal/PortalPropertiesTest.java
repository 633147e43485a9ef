package io.passerelle.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The environment variables the README documents really set the portal's settings. */
class PortalPropertiesTest {

  @Test
  @DisplayName("defaults: one hour for reset links, 15-minute windows, 30 sign-ins per IP")
  void defaults() {
    var properties = bind(Map.of());
    assertThat(properties.passwordResetValidity()).isEqualTo(Duration.ofHours(1));
    assertThat(properties.rateLimit().window()).isEqualTo(Duration.ofMinutes(15));
    assertThat(properties.rateLimit().signInPerIp()).isEqualTo(30);
    assertThat(properties.rateLimit().signInFailuresPerAccount()).isEqualTo(10);
    assertThat(properties.rateLimit().newLinkPerAddress()).isEqualTo(3);
  }

  @Test
  @DisplayName("PASSERELLE_PORTAL_RATE_LIMIT_SIGN_IN_PER_IP and friends bind")
  void environmentVariables() {
    var properties =
        bind(
            Map.of(
                "PASSERELLE_PORTAL_PASSWORD_RESET_VALIDITY", "PT30M",
                "PASSERELLE_PORTAL_RATE_LIMIT_WINDOW", "PT5M",
                "PASSERELLE_PORTAL_RATE_LIMIT_SIGN_IN_PER_IP", "7",
                "PASSERELLE_PORTAL_RATE_LIMIT_SIGN_IN_FAILURES_PER_ACCOUNT", "4",
                "PASSERELLE_PORTAL_RATE_LIMIT_ACTIVATION_PER_LINK", "6",
                "PASSERELLE_PORTAL_RATE_LIMIT_NEW_LINK_PER_ADDRESS", "2",
                "PASSERELLE_PORTAL_RATE_LIMIT_CLIENT_INVITATIONS_PER_ACCOUNT", "9"));
    assertThat(properties.passwordResetValidity()).isEqualTo(Duration.ofMinutes(30));
    assertThat(properties.rateLimit().window()).isEqualTo(Duration.ofMinutes(5));
    assertThat(properties.rateLimit().signInPerIp()).isEqualTo(7);
    assertThat(properties.rateLimit().signInFailuresPerAccount()).isEqualTo(4);
    assertThat(properties.rateLimit().activationPerLink()).isEqualTo(6);
    assertThat(properties.rateLimit().newLinkPerAddress()).isEqualTo(2);
    assertThat(properties.rateLimit().clientInvitationsPerAccount()).isEqualTo(9);
  }

  private static PortalProperties bind(Map<String, Object> variables) {
    var environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    environment
        .getPropertySources()
        .addFirst(
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
    return new Binder(ConfigurationPropertySources.get(environment))
        .bindOrCreate("passerelle.portal", PortalProperties.class);
  }
}
