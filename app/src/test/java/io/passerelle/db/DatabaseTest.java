package io.passerelle.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.passerelle.support.StandaloneApp;
import io.passerelle.support.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;

/** The database under Passerelle: created when missing, migrated by Flyway, watched by health. */
class DatabaseTest {

  @Test
  @DisplayName("Flyway migrates an empty database to the current schema, and again changes nothing")
  void flywayMigratesAnEmptyDatabase() throws Exception {
    String database = TestDatabases.newName("passerelle_flyway");
    TestDatabases.create(database);
    try {
      Flyway flyway =
          Flyway.configure()
              .dataSource(TestDatabases.url(database), TestDatabases.user(), "")
              .locations("classpath:db/migration")
              .load();
      var result = flyway.migrate();
      assertThat(result.success).isTrue();
      assertThat(result.migrationsExecuted).isGreaterThan(0);
      assertThat(flyway.migrate().migrationsExecuted).isZero();
      assertThat(flyway.validateWithResult().validationSuccessful).isTrue();
      assertThat(tables(database))
          .contains(
              "firm",
              "flyway_schema_history",
              "staff_member",
              "organisational_role",
              "offer",
              "dossier",
              "dossier_staff",
              "fiscal_year",
              "dossier_offer",
              "contact",
              "dossier_link",
              "client_account",
              "collaborative_service",
              "invitation",
              "activity",
              "staff_notification",
              "idempotency_key",
              "dossier_request",
              "dossier_document_tree",
              "dossier_partner_application",
              "dossier_import");
    } finally {
      TestDatabases.drop(database);
    }
  }

  @Test
  @DisplayName("a missing database is created at start-up; health turns DOWN on 'db' when it goes")
  void createdWhenMissingAndHealthDownWhenGone() throws Exception {
    String database = TestDatabases.newName("passerelle_health");
    try (var app =
        StandaloneApp.start(
            "spring.datasource.url=" + TestDatabases.url(database),
            "spring.datasource.hikari.connection-timeout=2000")) {
      assertThat(tables(database)).contains("firm");
      int port = ((WebServerApplicationContext) app).getWebServer().getPort();

      var up = health(port);
      assertThat(up.statusCode()).isEqualTo(200);

      TestDatabases.cutOff(database);
      try {
        var down = health(port);
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body())
            .contains("\"status\":\"DOWN\"")
            .containsPattern("\"db\":\\{\"status\":\"DOWN\"")
            .containsPattern("\"engine\":\\{\"status\":\"UP\"");
      } finally {
        TestDatabases.restore(database);
      }
    } finally {
      TestDatabases.drop(database);
    }
  }

  private static HttpResponse<String> health(int port) throws Exception {
    try (var http = HttpClient.newHttpClient()) {
      return http.send(
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
              .timeout(Duration.ofSeconds(30))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  private static List<String> tables(String database) throws Exception {
    List<String> names = new ArrayList<>();
    try (var connection = TestDatabases.connect(database);
        var rows =
            connection
                .createStatement()
                .executeQuery(
                    "select table_name from information_schema.tables where table_schema = 'public'")) {
      while (rows.next()) {
        names.add(rows.getString(1));
      }
    }
    return names;
  }
}
