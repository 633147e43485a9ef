package io.passerelle.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

/** Remote mode states its one transport instead of leaving it to the client's default. */
class RemoteTransportTest {

  @Test
  @DisplayName(
      "remote mode sets prefer-rest-over-grpc to true explicitly, over any other setting, and"
          + " turns job streaming (gRPC only) off")
  void restIsTheTransport() {
    var environment =
        new MockEnvironment()
            .withProperty(EngineMode.PROPERTY, "remote")
            .withProperty("camunda.client.rest-address", "http://localhost:8088")
            .withProperty("camunda.client.prefer-rest-over-grpc", "false");

    new EngineEnvironmentPostProcessor()
        .postProcessEnvironment(environment, new SpringApplication());

    assertThat(environment.getPropertySources().get(EngineEnvironmentPostProcessor.SOURCE))
        .isNotNull()
        .satisfies(
            source ->
                assertThat(source.getProperty(EngineEnvironmentPostProcessor.PREFER_REST))
                    .isEqualTo(true));
    assertThat(environment.getProperty("camunda.client.prefer-rest-over-grpc")).isEqualTo("true");
    assertThat(environment.getProperty("camunda.client.worker.defaults.stream-enabled"))
        .isEqualTo("false");
  }
}
