package io.passerelle.db;

import io.passerelle.config.StartupConfigurationException;
import io.passerelle.development.DevelopmentTools;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Schema by Flyway only. The database is kept from one start to the next in both modes (the
 * embedded engine keeps its own state in its data directory). {@link
 * DatabaseProperties#resetOnStart()} set explicitly still empties it at start, in {@code embedded}
 * mode only and with a warning (the tests, or {@code scripts/reset}'s habit); a JDBC URL is emptied
 * at most once per JVM, so test contexts that share a database do not wipe each other's rows.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseResetConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(DatabaseResetConfiguration.class);
  private static final Set<String> RESET_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

  @Bean
  FlywayConfigurationCustomizer passerelleFlywayCustomizer(Environment environment) {
    boolean reset = resetOnStart(environment);
    return configuration -> configuration.cleanDisabled(!reset);
  }

  @Bean
  FlywayMigrationStrategy passerelleMigrationStrategy(Environment environment) {
    boolean reset = resetOnStart(environment);
    return flyway -> {
      String url = environment.getProperty("spring.datasource.url", "default");
      if (reset && RESET_IN_THIS_JVM.add(url)) {
        LOG.warn(
            "PASSERELLE_DATABASE_RESET_ON_START is set: emptying the database {} (the onboardings"
                + " it held no longer match the engine's data directory unless that is new too;"
                + " scripts/reset deletes both)",
            url);
        flyway.clean();
      }
      flyway.migrate();
    };
  }

  static boolean resetOnStart(Environment environment) {
    boolean development = DevelopmentTools.enabled(environment);
    Boolean configured =
        environment.getProperty("passerelle.database.reset-on-start", Boolean.class);
    if (configured == null) {
      return false;
    }
    if (configured && !development) {
      throw new StartupConfigurationException(
          "PASSERELLE_DATABASE_RESET_ON_START=true empties the database at each start: it is a"
              + " development convenience",
          "remove PASSERELLE_DATABASE_RESET_ON_START, or set PASSERELLE_DEVELOPMENT_ENABLED=true"
              + " on a development machine (never with remote mode)");
    }
    return configured;
  }
}
