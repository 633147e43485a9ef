package io.passerelle.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.passerelle.support.StandaloneApp;
import io.passerelle.support.TestDatabases;
import java.net.ServerSocket;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Bad configuration stops Passerelle before it serves anything, with one line saying what is wrong
 * and how to fix it (Spring Boot prints it as "APPLICATION FAILED TO START").
 */
class StartupFailureTest {

  private static final String TEST_DB =
      "spring.datasource.url="
          + TestDatabases.url(
              System.getenv().getOrDefault("PASSERELLE_TEST_DATABASE", "passerelle_test"));

  @Test
  @DisplayName("staff single sign-on with Microsoft without the firm's tenant (issue 23)")
  void staffSsoWithoutTenant() {
    assertThatThrownBy(() -> StandaloneApp.start(TEST_DB, "passerelle.microsoft.staff-sso=true"))
        .isInstanceOf(StartupConfigurationException.class)
        .hasMessageContaining("PASSERELLE_MICROSOFT_STAFF_SSO=true")
        .hasMessageContaining("PASSERELLE_MICROSOFT_TENANT_ID")
        .hasMessageContaining("PASSERELLE_MICROSOFT_CLIENT_SECRET");
  }

  @Test
  @DisplayName("an unknown engine mode")
  void unknownMode() {
    assertThatThrownBy(() -> StandaloneApp.start(TEST_DB, "passerelle.engine.mode=cloudy"))
        .isInstanceOf(StartupConfigurationException.class)
        .hasMessageContaining("Unknown engine mode 'cloudy'")
        .hasMessageContaining("PASSERELLE_ENGINE_MODE")
        .hasMessageContaining("embedded, remote");
  }

  @Test
  @DisplayName("remote mode without the cluster's REST address")
  void remoteWithoutAddress() {
    assertThatThrownBy(() -> StandaloneApp.start(TEST_DB, "passerelle.engine.mode=remote"))
        .isInstanceOf(StartupConfigurationException.class)
        .hasMessageContaining("camunda.client.rest-address")
        .hasMessageContaining("CAMUNDA_CLIENT_REST_ADDRESS");
  }

  @Test
  @DisplayName("remote mode on Camunda SaaS without its client credentials")
  void saasWithoutCredentials() {
    assertThatThrownBy(
            () ->
                StandaloneApp.start(
                    TEST_DB,
                    "passerelle.engine.mode=remote",
                    "camunda.client.mode=saas",
                    "camunda.client.cloud.cluster-id=0a1b2c3d",
                    "camunda.client.cloud.region=bru-2"))
        .isInstanceOf(StartupConfigurationException.class)
        .hasMessageContaining("camunda.client.auth.client-id")
        .hasMessageContaining("Camunda SaaS")
        .hasMessageContaining("CAMUNDA_CLIENT_AUTH_CLIENTID");
  }

  @Test
  @DisplayName("an unreachable database")
  void unreachableDatabase() throws Exception {
    int closedPort;
    try (var socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String url = "spring.datasource.url=jdbc:postgresql://127.0.0.1:" + closedPort + "/passerelle";
    assertThatThrownBy(() -> StandaloneApp.start(url))
        .isInstanceOf(StartupConfigurationException.class)
        .hasMessageContaining("PostgreSQL is not reachable at 127.0.0.1:" + closedPort)
        .hasMessageContaining("SPRING_DATASOURCE_URL");
  }

  @Test
  @DisplayName("the engine's gRPC port already in use")
  void enginePortInUse() throws Exception {
    try (var taken = new ServerSocket(0)) {
      assertThatThrownBy(
              () -> StandaloneApp.start(TEST_DB, "passerelle.engine.port=" + taken.getLocalPort()))
          .isInstanceOf(StartupConfigurationException.class)
          .hasMessageContaining("port " + taken.getLocalPort() + " is already in use")
          .hasMessageContaining("PASSERELLE_ENGINE_PORT");
    }
  }

  @Test
  @DisplayName("the development SMTP port already in use")
  void smtpPortInUse() throws Exception {
    try (var taken = new ServerSocket(0)) {
      assertThatThrownBy(
              () ->
                  StandaloneApp.start(TEST_DB, "passerelle.dev-mail.port=" + taken.getLocalPort()))
          .isInstanceOf(StartupConfigurationException.class)
          .hasMessageContaining("port " + taken.getLocalPort() + " is already in use")
          .hasMessageContaining("PASSERELLE_DEV_MAIL_PORT");
    }
  }

  @Test
  @DisplayName("asking remote mode to empty its database at start-up")
  void resetInRemoteMode() {
    assertThatThrownBy(
            () ->
                StandaloneApp.start(
                    TEST_DB,
                    "passerelle.engine.mode=remote",
                    "camunda.client.grpc-address=http://127.0.0.1:1",
                    "camunda.client.rest-address=http://127.0.0.1:1",
                    "passerelle.token.secret=remote-mode-test-secret-of-at-least-32-chars",
                    "passerelle.database.reset-on-start=true"))
        .isInstanceOf(StartupConfigurationException.class)
        .hasMessageContaining("PASSERELLE_DATABASE_RESET_ON_START");
  }
}
