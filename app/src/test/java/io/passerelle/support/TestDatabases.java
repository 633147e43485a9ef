package io.passerelle.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

/** Throw-away PostgreSQL databases on the test server, for tests that need one of their own. */
public final class TestDatabases {

  private TestDatabases() {}

  public static String host() {
    return env("PASSERELLE_DB_HOST", "127.0.0.1");
  }

  public static String port() {
    return env("PASSERELLE_DB_PORT", "5432");
  }

  public static String user() {
    return env("USER", "postgres").isBlank() ? "postgres" : env("USER", "postgres");
  }

  public static String url(String database) {
    return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
  }

  /** A fresh name; the database itself is created by whoever needs it (or by the application). */
  public static String newName(String prefix) {
    return (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
        .toLowerCase(Locale.ROOT);
  }

  /**
   * A database of its own for one application context, named after the suite's test database
   * ({@code PASSERELLE_TEST_DATABASE}, so that parallel runs keep apart) and {@code name}; dropped
   * and created again, so that each run starts empty and no run leaves one more behind.
   */
  public static String ownDatabase(String name) {
    String database =
        (env("PASSERELLE_TEST_DATABASE", "passerelle_test") + "_" + name).toLowerCase(Locale.ROOT);
    drop(database);
    create(database);
    return database;
  }

  public static void create(String database) {
    execute("create database \"" + database + "\"");
  }

  /** Drops the database, disconnecting whoever is still on it. */
  public static void drop(String database) {
    execute(
        "select pg_terminate_backend(pid) from pg_stat_activity where datname = '"
            + database
            + "' and pid <> pg_backend_pid()");
    execute("drop database if exists \"" + database + "\"");
  }

  /** Makes the database refuse every connection, and cuts those it has: "the database is gone". */
  public static void cutOff(String database) {
    execute("update pg_database set datallowconn = false where datname = '" + database + "'");
    execute(
        "select pg_terminate_backend(pid) from pg_stat_activity where datname = '"
            + database
            + "' and pid <> pg_backend_pid()");
  }

  public static void restore(String database) {
    execute("update pg_database set datallowconn = true where datname = '" + database + "'");
  }

  public static Connection connect(String database) throws SQLException {
    var properties = new Properties();
    properties.setProperty("user", user());
    return DriverManager.getConnection(url(database), properties);
  }

  private static void execute(String sql) {
    try (var connection = connect("postgres");
        var statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
