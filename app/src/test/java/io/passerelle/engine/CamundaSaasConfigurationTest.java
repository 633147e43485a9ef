package io.passerelle.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.impl.oauth.OAuthCredentialsProvider;
import io.camunda.client.spring.configuration.CamundaAutoConfiguration;
import java.net.ServerSocket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Configuration;

/**
 * Remote mode on Camunda SaaS: the variables the README gives produce a Camunda client with OAuth
 * client credentials and the cluster's SaaS addresses, and nothing is contacted to make it (the
 * token is asked for when a first command needs it).
 */
class CamundaSaasConfigurationTest {

  /** The Camunda client alone: no database, no web server, no workers. */
  @Configuration(proxyBeanMethods = false)
  @ImportAutoConfiguration(CamundaAutoConfiguration.class)
  static class ClientOnly {}

  @Test
  @DisplayName(
      "CAMUNDA_CLIENT_MODE=saas with a cluster id, region and client credentials gives an OAuth"
          + " client on the SaaS addresses, without a connection")
  void saasClient() throws Exception {
    try (var authorizationServer = new ServerSocket(0)) {
      AtomicInteger connections = new AtomicInteger();
      Thread acceptor =
          Thread.ofVirtual()
              .start(
                  () -> {
                    while (!authorizationServer.isClosed()) {
                      try (var socket = authorizationServer.accept()) {
                        connections.incrementAndGet();
                      } catch (java.io.IOException closed) {
                        return;
                      }
                    }
                  });
      try (var context =
          new SpringApplicationBuilder(ClientOnly.class)
              .web(WebApplicationType.NONE)
              .run(
                  // as the environment variables of the README would set them
                  "--passerelle.engine.mode=remote",
                  "--passerelle.database.create-if-missing=false",
                  "--camunda.client.mode=saas",
                  "--camunda.client.cloud.cluster-id=0a1b2c3d-cluster",
                  "--camunda.client.cloud.region=bru-2",
                  "--camunda.client.auth.client-id=passerelle-client",
                  "--camunda.client.auth.client-secret=not-a-real-secret",
                  // the authorization server is a local socket that counts who calls it
                  "--camunda.client.auth.token-url=http://127.0.0.1:"
                      + authorizationServer.getLocalPort()
                      + "/oauth/token",
                  "--camunda.client.worker.defaults.enabled=false")) {
        CamundaClient client = context.getBean(CamundaClient.class);

        assertThat(client.getConfiguration().getGrpcAddress())
            .isEqualTo(URI.create("https://0a1b2c3d-cluster.bru-2.zeebe.camunda.io:443"));
        assertThat(client.getConfiguration().getRestAddress())
            .isEqualTo(URI.create("https://bru-2.zeebe.camunda.io:443/0a1b2c3d-cluster"));
        assertThat(client.getConfiguration().getCredentialsProvider())
            .isInstanceOf(OAuthCredentialsProvider.class);
        Thread.sleep(200);
        assertThat(connections).as("nothing contacted to build the client").hasValue(0);
      } finally {
        authorizationServer.close();
        acceptor.join(1000);
      }
    }
  }
}
