package io.passerelle.db;

import io.passerelle.config.StartupConfigurationException;
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
    boolean embedded = "embedded".equals(environment.getProperty("passerelle.engine.mode"));
    Boolean configured =
        environment.getProperty("passerelle.database.reset-on-start", Boolean.class);
    if (configured == null) {
      return false;
    }
    if (configured && !embedded) {
      throw new StartupConfigurationException(
          "passerelle.database.reset-on-start=true would empty the database of a remote cluster's"
              + " onboardings",
          "remove PASSERELLE_DATABASE_RESET_ON_START (it is meant for the embedded mode only)");
    }
    return configured;
  }
}
