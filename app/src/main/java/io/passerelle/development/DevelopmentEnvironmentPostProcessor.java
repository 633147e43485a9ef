package io.passerelle.development;

import io.passerelle.config.StartupConfigurationException;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Reads the development setting once, before any bean exists: a value that is not a boolean and the
 * setting in remote mode stop the start with one line; otherwise the setting is written back as
 * {@code true} or {@code false}, which the conditions of the development tools compare.
 */
public class DevelopmentEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

  static final String SOURCE = "passerelleDevelopment";

  private final Log log;

  public DevelopmentEnvironmentPostProcessor(DeferredLogFactory logs) {
    this.log = logs.getLog(DevelopmentEnvironmentPostProcessor.class);
  }

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    String value = environment.getProperty(DevelopmentTools.PROPERTY);
    boolean enabled;
    if (value == null || value.isBlank()) {
      enabled = false;
    } else if (value.trim().equalsIgnoreCase("true")) {
      enabled = true;
    } else if (value.trim().equalsIgnoreCase("false")) {
      enabled = false;
    } else {
      throw new StartupConfigurationException(
          "The development setting is '" + value + "', neither true nor false",
          "set PASSERELLE_DEVELOPMENT_ENABLED to true (local development only) or false");
    }
    if (enabled) {
      log.info(
          "Development tools are ON (PASSERELLE_DEVELOPMENT_ENABLED=true): /dev, /dev/mailbox and"
              + " /dev/clock for signed-in administrators, from this machine only");
    }
    environment
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                SOURCE, Map.of(DevelopmentTools.PROPERTY, String.valueOf(enabled))));
  }

  @Override
  public int getOrder() {
    // after the engine's post-processor, which normalises passerelle.engine.mode; before the
    // development mailbox's, which reads this setting
    return Ordered.LOWEST_PRECEDENCE - 5;
  }
}
