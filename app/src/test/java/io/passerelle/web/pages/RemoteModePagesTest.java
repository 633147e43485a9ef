package io.passerelle.web.pages;

import static io.passerelle.engine.CamundaStub.problem;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.passerelle.engine.CamundaStub;
import io.passerelle.engine.DeployedModels;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** The instance page in remote mode, against the stub cluster: what a person reads. */
class RemoteModePagesTest {

  @Test
  @DisplayName(
      "an instance the cluster's search has not indexed yet: a 503 page saying 'being indexed',"
          + " with Retry-After, not 'not found'")
  void instanceBeingIndexed() throws Exception {
    try (var cluster = new CamundaStub();
        var client = cluster.client()) {
      cluster.on(
          "GET",
          "/v2/process-instances/9",
          r -> problem(404, "NOT_FOUND", "Process instance with key '9' not found"));
      var pages =
          pages(new ProcessInstanceController(CamundaStub.engine(client, new DeployedModels())));

      pages
          .perform(get("/processus/9"))
          .andExpect(status().isServiceUnavailable())
          .andExpect(header().string("Retry-After", "2"))
          .andExpect(model().attribute("code", "ENGINE_INDEXING"))
          .andExpect(model().attribute("message", containsString("en train d'indexer")));
    }
  }

  @Test
  @DisplayName("a cluster that does not answer: a readable 503 page with Retry-After")
  void clusterUnreachable() throws Exception {
    int nobody;
    try (var socket = new ServerSocket(0)) {
      nobody = socket.getLocalPort();
    }
    try (var client = CamundaStub.client(URI.create("http://127.0.0.1:" + nobody))) {
      var pages =
          pages(new ProcessInstanceController(CamundaStub.engine(client, new DeployedModels())));

      pages
          .perform(get("/processus/9"))
          .andExpect(status().isServiceUnavailable())
          .andExpect(header().string("Retry-After", "10"))
          .andExpect(model().attribute("code", "ENGINE_UNAVAILABLE"))
          .andExpect(model().attribute("message", containsString("ne répond pas")));
    }
  }

  private static org.springframework.test.web.servlet.MockMvc pages(Object controller) {
    return MockMvcBuilders.standaloneSetup(controller)
        .setControllerAdvice(new PageExceptionHandler())
        .build();
  }
}
