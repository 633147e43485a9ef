package io.passerelle.db;

import io.passerelle.config.StartupConfigurationException;
import java.net.URI;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.regex.Pattern;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Before anything else touches PostgreSQL: checks the reset's setting ({@link
 * DatabaseResetConfiguration#resetOnStart}), checks the server answers, and creates the
 * application's database when it is missing ({@code passerelle.database.create-if-missing}, on by
 * default). What cannot be done ends the start with one line that says how to fix it.
 */
public class DatabaseEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    // the reset asked for without the development tools stops the start here, before the engine
    DatabaseResetConfiguration.resetOnStart(environment);
    if (!environment.getProperty("passerelle.database.create-if-missing", Boolean.class, true)) {
      return;
    }
    String url = environment.getProperty("spring.datasource.url");
    if (url == null || !url.startsWith("jdbc:postgresql://")) {
      return;
    }
    var target = Target.parse(url);
    var credentials = new Properties();
    String user = environment.getProperty("spring.datasource.username");
    String password = environment.getProperty("spring.datasource.password");
    if (user != null && !user.isBlank()) {
      credentials.setProperty("user", user);
    }
    if (password != null && !password.isBlank()) {
      credentials.setProperty("password", password);
    }
    credentials.setProperty("connectTimeout", "5");
    credentials.setProperty("loginTimeout", "10");
    ensureDatabase(target, credentials);
  }

  private static void ensureDatabase(Target target, Properties credentials) {
    try (var connection = DriverManager.getConnection(target.maintenanceUrl(), credentials);
        var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
      exists.setString(1, target.database());
      try (var rows = exists.executeQuery()) {
        if (rows.next()) {
          return;
        }
      }
      if (!PLAIN_NAME.matcher(target.database()).matches()) {
        throw new StartupConfigurationException(
            "Database '" + target.database() + "' does not exist on " + target.hostAndPort(),
            "create it yourself (createdb), or name a database of letters, digits and underscores");
      }
      try (var create = connection.createStatement()) {
        create.execute("create database \"" + target.database() + "\"");
      } catch (SQLException e) {
        if ("42P04".equals(e.getSQLState())) {
          return; // created meanwhile by another instance
        }
        throw new StartupConfigurationException(
            "Database '"
                + target.database()
                + "' does not exist on "
                + target.hostAndPort()
                + " and could not be created ("
                + e.getMessage()
                + ")",
            "create it: createdb -h "
                + target.host()
                + " -p "
                + target.port()
                + " "
                + target.database()
                + ", or grant CREATEDB to the application's user",
            e);
      }
    } catch (SQLException e) {
      throw new StartupConfigurationException(
          "PostgreSQL is not reachable at " + target.hostAndPort() + " (" + e.getMessage() + ")",
          "start PostgreSQL there (pg_ctlcluster <version> main start), or set"
              + " SPRING_DATASOURCE_URL, SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD",
          e);
    }
  }

  record Target(String host, int port, String database, String query) {

    static Target parse(String jdbcUrl) {
      var uri = URI.create(jdbcUrl.substring("jdbc:".length()));
      String path = uri.getPath() == null ? "" : uri.getPath();
      String database = path.startsWith("/") ? path.substring(1) : path;
      return new Target(
          uri.getHost() == null ? "localhost" : uri.getHost(),
          uri.getPort() < 0 ? 5432 : uri.getPort(),
          database.isEmpty() ? "postgres" : database,
          uri.getRawQuery());
    }

    String maintenanceUrl() {
      return "jdbc:postgresql://"
          + hostAndPort()
          + "/postgres"
          + (query == null || query.isBlank() ? "" : "?" + query);
    }

    String hostAndPort() {
      return host + ":" + port;
    }
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
