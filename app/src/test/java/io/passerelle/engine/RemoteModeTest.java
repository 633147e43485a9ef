package io.passerelle.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.passerelle.support.StandaloneApp;
import io.passerelle.support.TestDatabases;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;

/**
 * {@code remote} mode against a cluster that does not answer: no embedded engine, no development
 * tools, and health says which component is down.
 */
class RemoteModeTest {

  @Test
  @DisplayName(
      "remote mode starts no embedded engine, has no clock or mailbox, and reports the engine DOWN")
  void remoteMode() throws Exception {
    int nobody;
    try (var socket = new ServerSocket(0)) {
      nobody = socket.getLocalPort();
    }
    String database = TestDatabases.newName("passerelle_remote");
    try (var app =
        StandaloneApp.start(
            "spring.datasource.url=" + TestDatabases.url(database),
            "passerelle.engine.mode=remote",
            "passerelle.engine.deploy-on-startup=false",
            "passerelle.token.secret=remote-mode-test-secret-of-at-least-32-chars",
            "camunda.client.grpc-address=http://127.0.0.1:" + nobody,
            "camunda.client.rest-address=http://127.0.0.1:" + nobody,
            "camunda.client.worker.defaults.enabled=false",
            "spring.mail.host=127.0.0.1",
            "spring.mail.port=" + nobody)) {
      assertThat(app.getBeanNamesForType(EmbeddedZeebeEngine.class)).isEmpty();
      // development data never in remote mode, and no administrator without PASSERELLE_ADMIN_*
      assertThat(app.containsBean("developmentData")).isFalse();
      try (var connection = TestDatabases.connect(database);
          var rows =
              connection.createStatement().executeQuery("select count(*) from staff_member")) {
        rows.next();
        assertThat(rows.getLong(1)).isZero();
      }
      int port = ((WebServerApplicationContext) app).getWebServer().getPort();

      assertThat(get(port, "/dev/clock").statusCode()).isEqualTo(404);
      assertThat(get(port, "/dev/mailbox").statusCode()).isEqualTo(404);

      var health = get(port, "/actuator/health");
      assertThat(health.statusCode()).isEqualTo(503);
      assertThat(health.body())
          .containsPattern("\"engine\":\\{\"status\":\"DOWN\"")
          .containsPattern("\"db\":\\{\"status\":\"UP\"")
          .containsPattern("\"mail\":\\{\"status\":\"DOWN\"");

      var info = get(port, "/actuator/info");
      assertThat(info.body()).contains("\"mode\":\"remote\"");
    } finally {
      TestDatabases.drop(database);
    }
  }

  private static HttpResponse<String> get(int port, String path) throws Exception {
    try (var http = HttpClient.newHttpClient()) {
      return http.send(
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
              .timeout(Duration.ofSeconds(30))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }
}
