package io.passerelle.engine.web;

import static io.passerelle.engine.CamundaStub.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.camunda.client.CamundaClient;
import io.passerelle.config.Ports;
import io.passerelle.engine.CamundaStub;
import io.passerelle.engine.DeployedModels;
import io.passerelle.engine.EmbeddedZeebeEngine;
import io.passerelle.engine.EngineBacklog;
import io.passerelle.engine.EngineDataDirectory;
import io.passerelle.engine.ProcessEngine;
import io.passerelle.web.ApiExceptionHandler;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The cluster's errors on the API: problem+json 503 with Retry-After and a stable code. */
class EngineErrorHandlerTest {

  @RestController
  static class StartsAnInstance {
    private final ProcessEngine engine;

    StartsAnInstance(ProcessEngine engine) {
      this.engine = engine;
    }

    @PostMapping("/api/probe")
    long start() {
      return engine.startInstance("Process_ClientOnboarding", Map.of());
    }
  }

  @Test
  @DisplayName("the cluster unreachable: 503 problem+json ENGINE_UNAVAILABLE, Retry-After 10")
  void unreachable() throws Exception {
    int nobody;
    try (var socket = new ServerSocket(0)) {
      nobody = socket.getLocalPort();
    }
    try (var client = CamundaStub.client(URI.create("http://127.0.0.1:" + nobody))) {
      api(CamundaStub.engine(client, new DeployedModels()))
          .perform(post("/api/probe"))
          .andExpect(status().isServiceUnavailable())
          .andExpect(header().string("Retry-After", "10"))
          .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
          .andExpect(jsonPath("$.code").value("ENGINE_UNAVAILABLE"))
          .andExpect(jsonPath("$.status").value(503));
    }
  }

  @Test
  @DisplayName("the cluster pushing back (RESOURCE_EXHAUSTED): 503 ENGINE_BUSY, Retry-After 2")
  void busy() throws Exception {
    try (var cluster = new CamundaStub();
        var client = cluster.client()) {
      cluster.on(
          "POST",
          "/v2/process-instances",
          r -> problem(503, "RESOURCE_EXHAUSTED", "back-pressure"));
      api(CamundaStub.engine(client, new DeployedModels()))
          .perform(post("/api/probe"))
          .andExpect(status().isServiceUnavailable())
          .andExpect(header().string("Retry-After", "2"))
          .andExpect(jsonPath("$.code").value("ENGINE_BUSY"));
    }
  }

  @Test
  @DisplayName(
      "the embedded engine pushing back (its backlog above the limit): 503 ENGINE_BUSY, Retry-After"
          + " 2")
  void embeddedEngineBusy(@TempDir Path directory) throws Exception {
    var data = EngineDataDirectory.open(directory);
    var engine = new EmbeddedZeebeEngine(Ports.anyFree(), data, true, 100);
    try (var client =
        CamundaClient.newClientBuilder()
            .grpcAddress(URI.create("http://localhost:" + engine.port()))
            .restAddress(URI.create("http://localhost:" + Ports.anyFree()))
            .preferRestOverGrpc(false)
            .build()) {
      EngineBacklog.fill(engine, 20_000);
      assertThat(engine.backlog()).isGreaterThan(engine.backlogLimit());

      api(CamundaStub.engine(client, new DeployedModels()))
          .perform(post("/api/probe"))
          .andExpect(status().isServiceUnavailable())
          .andExpect(header().string("Retry-After", "2"))
          .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
          .andExpect(jsonPath("$.code").value("ENGINE_BUSY"));
    } finally {
      engine.destroy();
      data.close();
    }
  }

  private static MockMvc api(ProcessEngine engine) {
    return MockMvcBuilders.standaloneSetup(new StartsAnInstance(engine))
        .setControllerAdvice(new EngineErrorHandler(), new ApiExceptionHandler())
        .build();
  }
}
