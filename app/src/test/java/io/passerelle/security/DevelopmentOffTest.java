package io.passerelle.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.zeebe.gateway.protocol.GatewayGrpc;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.TopologyRequest;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.passerelle.config.StartupConfigurationException;
import io.passerelle.engine.EmbeddedZeebeEngine;
import io.passerelle.engine.ProcessEngine;
import io.passerelle.support.Api;
import io.passerelle.support.StaffSignIn;
import io.passerelle.support.StandaloneApp;
import io.passerelle.support.TestDatabases;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;

/**
 * A start with the development setting off (its default, as the Docker image and a production start
 * have it): {@code /dev/**} is 404 to everyone, the administrator included, and no mailbox exists;
 * the engine's gateway, given a secret, refuses every call without it while the application's own
 * client, which sends it, works. Remote mode and an open gateway without a secret do not start.
 */
class DevelopmentOffTest {

  private static final String SECRET = "a-gateway-secret-of-at-least-32-characters";

  @Test
  @DisplayName(
      "development off: /dev/** is 404 for everyone; the gateway refuses calls without its secret")
  void developmentOffAndGatewaySecret() throws Exception {
    String database = TestDatabases.newName("passerelle_devoff");
    try (var app =
        StandaloneApp.start(
            "spring.datasource.url=" + TestDatabases.url(database),
            "passerelle.development.enabled=false",
            // no default administrator without the development setting: the firm names one
            "passerelle.admin.username=" + Api.ADMIN,
            "passerelle.admin.password=" + Api.passwordOf(Api.ADMIN),
            "passerelle.admin.email=admin@cabinet.example",
            "passerelle.engine.gateway-secret=" + SECRET)) {
      assertThat(app.getEnvironment().getProperty("passerelle.development.enabled"))
          .isEqualTo("false");
      assertThat(app.getBeanNamesForType(io.passerelle.mail.DevMailServer.class)).isEmpty();
      int port = ((WebServerApplicationContext) app).getWebServer().getPort();
      String base = "http://localhost:" + port;

      var anonymous = new StaffSignIn.Http(base);
      var admin = StaffSignIn.http(base, Api.ADMIN);
      String csrf = StaffSignIn.csrfOf(admin.get("/portefeuille").body());
      for (String path : new String[] {"/dev", "/dev/mailbox", "/dev/mailbox/1", "/dev/clock"}) {
        assertThat(anonymous.get(path).statusCode()).as("anonymous " + path).isEqualTo(404);
        assertThat(admin.get(path).statusCode()).as("admin " + path).isEqualTo(404);
      }
      var engine = app.getBean(EmbeddedZeebeEngine.class);
      var before = engine.offset();
      assertThat(admin.postJson("/dev/clock/advance", "{\"duration\":\"P1D\"}", csrf).statusCode())
          .isEqualTo(404);
      assertThat(engine.offset()).isEqualTo(before);

      // the application's own client carries the secret: the engine answers it
      assertThat(app.getBean(ProcessEngine.class).deployedModels().processes()).isNotEmpty();
      ManagedChannel channel =
          NettyChannelBuilder.forAddress("127.0.0.1", engine.port()).usePlaintext().build();
      try {
        var gateway = GatewayGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS);
        assertThatThrownBy(() -> gateway.topology(TopologyRequest.getDefaultInstance()))
            .isInstanceOfSatisfying(
                StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
        assertThatThrownBy(
                () ->
                    gateway
                        .withInterceptors(bearer("not-the-secret"))
                        .topology(TopologyRequest.getDefaultInstance()))
            .isInstanceOfSatisfying(
                StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
        var topology =
            gateway.withInterceptors(bearer(SECRET)).topology(TopologyRequest.getDefaultInstance());
        assertThat(topology.getBrokersCount()).isPositive();
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    } finally {
      TestDatabases.drop(database);
    }
  }

  @Test
  @DisplayName("remote mode with the development setting does not start, and says why in one line")
  void remoteModeRefusesTheDevelopmentTools() {
    assertThatThrownBy(
            () ->
                StandaloneApp.start(
                    "passerelle.engine.mode=remote",
                    "camunda.client.grpc-address=http://127.0.0.1:1",
                    "camunda.client.rest-address=http://127.0.0.1:1",
                    "passerelle.development.enabled=true"))
        .isInstanceOf(StartupConfigurationException.class)
        .hasMessageContaining("remote mode")
        .hasMessageContaining("PASSERELLE_DEVELOPMENT_ENABLED");
  }

  @Test
  @DisplayName("a gateway address beyond loopback without a secret does not start")
  void openGatewayWithoutSecret() {
    assertThatThrownBy(() -> StandaloneApp.start("passerelle.engine.address=0.0.0.0"))
        .isInstanceOf(StartupConfigurationException.class)
        .hasMessageContaining("0.0.0.0")
        .hasMessageContaining("PASSERELLE_ENGINE_GATEWAY_SECRET");
    assertThatThrownBy(
            () ->
                StandaloneApp.start(
                    "passerelle.engine.address=0.0.0.0", "passerelle.engine.gateway-secret=short"))
        .isInstanceOf(StartupConfigurationException.class)
        .hasMessageContaining("32 characters");
  }

  private static io.grpc.ClientInterceptor bearer(String secret) {
    var headers = new Metadata();
    headers.put(
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + secret);
    return MetadataUtils.newAttachHeadersInterceptor(headers);
  }
}
