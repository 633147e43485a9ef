package io.passerelle.mail;

import io.passerelle.config.Ports;
import io.passerelle.development.DevelopmentTools;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * With the development tools on ({@code PASSERELLE_DEVELOPMENT_ENABLED=true}, embedded mode only)
 * all mail goes to the in-process SMTP server of the development mailbox: resolves its port (0 =
 * any free port; a busy port stops the start with one line) and points Spring Mail at it. Without
 * the development tools, in {@code remote} mode, and with the mailbox switched off ({@code
 * PASSERELLE_DEV_MAIL_ENABLED=false}, e.g. for the benchmark's own SMTP server), the {@code
 * spring.mail.*} settings apply as given. The sub-switch can turn the mailbox off while the
 * development tools are on, never on while they are off.
 */
public class DevMailEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

  static final String RESOLVED_PORT = "passerelle.dev-mail.resolved-port";

  /**
   * Whether the development mailbox runs: the development tools on ({@link
   * DevelopmentTools#ENABLED}: the development setting) and {@code passerelle.dev-mail.enabled} not
   * false (a condition for its beans).
   */
  public static final String ENABLED =
      DevelopmentTools.ENABLED + " and '${passerelle.dev-mail.enabled:true}' != 'false'";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    if (!DevelopmentTools.enabled(environment)
        || !environment.getProperty("passerelle.dev-mail.enabled", Boolean.class, true)) {
      return;
    }
    int configured = environment.getProperty("passerelle.dev-mail.port", Integer.class, 2525);
    int port =
        Ports.resolve(configured, "The development mailbox's SMTP", "PASSERELLE_DEV_MAIL_PORT");
    environment
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                "passerelleDevMail",
                Map.of(
                    RESOLVED_PORT,
                    port,
                    "spring.mail.host",
                    "127.0.0.1",
                    "spring.mail.port",
                    port,
                    "spring.mail.username",
                    "",
                    "spring.mail.password",
                    "")));
  }

  @Override
  public int getOrder() {
    // after the engine's and the development setting's post-processors, which normalise
    // passerelle.engine.mode and passerelle.development.enabled
    return Ordered.LOWEST_PRECEDENCE;
  }
}
