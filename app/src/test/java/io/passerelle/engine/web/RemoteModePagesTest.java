package io.passerelle.engine.web;

import static io.passerelle.engine.CamundaStub.json;
import static io.passerelle.engine.CamundaStub.problem;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.passerelle.engine.CamundaStub;
import io.passerelle.engine.DeployedModels;
import io.passerelle.web.pages.PageExceptionHandler;
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
          pages(
              new ProcessInstanceController(
                  CamundaStub.engine(client, new DeployedModels()),
                  org.mockito.Mockito.mock(io.passerelle.staff.ScopedResources.class)));

      pages
          .perform(get("/processus/9"))
          .andExpect(status().isServiceUnavailable())
          .andExpect(header().string("Retry-After", "2"))
          .andExpect(model().attribute("code", "ENGINE_INDEXING"))
          .andExpect(model().attribute("message", containsString("en train d'indexer")));
    }
  }

  @Test
  @DisplayName(
      "an instance of a version the application did not deploy: its steps are named from that"
          + " version's BPMN, read from the cluster")
  void stepNamesFromTheClustersDefinition() throws Exception {
    String xml;
    try (var in =
        new org.springframework.core.io.ClassPathResource("processes/dossier-creation.bpmn")
            .getInputStream()) {
      xml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    try (var cluster = new CamundaStub();
        var client = cluster.client()) {
      cluster.on(
          "GET",
          "/v2/process-instances/7",
          r ->
              json(
                  new io.camunda.client.protocol.rest.ProcessInstanceResult()
                      .processInstanceKey("7")
                      .processDefinitionKey("2")
                      .processDefinitionId("Process_DossierCreation")
                      .processDefinitionVersion(3)
                      .state(io.camunda.client.protocol.rest.ProcessInstanceStateEnum.ACTIVE)
                      .startDate("2026-12-06T00:00:00.000Z")
                      .tenantId("<default>")));
      cluster.on(
          "POST",
          "/v2/element-instances/search",
          r ->
              json(
                  new io.camunda.client.protocol.rest.ElementInstanceSearchQueryResult()
                      .items(
                          r.body().contains("ACTIVE")
                              ? java.util.List.of(
                                  new io.camunda.client.protocol.rest.ElementInstanceResult()
                                      .elementInstanceKey("72")
                                      .processInstanceKey("7")
                                      .processDefinitionKey("2")
                                      .processDefinitionId("Process_DossierCreation")
                                      .elementId("ServiceTask_LookupCompany")
                                      .elementName("Rechercher l'entreprise au répertoire")
                                      .type(
                                          io.camunda.client.protocol.rest.ElementInstanceResult
                                              .TypeEnum.SERVICE_TASK)
                                      .state(
                                          io.camunda.client.protocol.rest.ElementInstanceStateEnum
                                              .ACTIVE)
                                      .hasIncident(false)
                                      .startDate("2026-12-06T00:00:00.000Z")
                                      .tenantId("<default>"))
                              : java.util.List.of())
                      .page(
                          new io.camunda.client.protocol.rest.SearchQueryPageResponse()
                              .totalItems(1L))));
      cluster.on(
          "POST",
          "/v2/incidents/search",
          r ->
              json(
                  new io.camunda.client.protocol.rest.IncidentSearchQueryResult()
                      .items(java.util.List.of())
                      .page(
                          new io.camunda.client.protocol.rest.SearchQueryPageResponse()
                              .totalItems(0L))));
      cluster.on(
          "POST",
          "/v2/process-instances/search",
          r ->
              json(
                  new io.camunda.client.protocol.rest.ProcessInstanceSearchQueryResult()
                      .items(java.util.List.of())
                      .page(
                          new io.camunda.client.protocol.rest.SearchQueryPageResponse()
                              .totalItems(0L))));
      cluster.on(
          "GET",
          "/v2/process-definitions/2/xml",
          r ->
              new okhttp3.mockwebserver.MockResponse()
                  .setHeader("Content-Type", "text/xml")
                  .setBody(xml));
      var pages =
          pages(
              new ProcessInstanceController(
                  CamundaStub.engine(client, new DeployedModels()),
                  org.mockito.Mockito.mock(io.passerelle.staff.ScopedResources.class)));

      var result = pages.perform(get("/processus/7")).andExpect(status().isOk()).andReturn();

      var instance =
          (ProcessInstanceController.InstanceView)
              result.getModelAndView().getModel().get("instance");
      org.assertj.core.api.Assertions.assertThat(instance.activeSteps())
          .singleElement()
          .satisfies(
              step ->
                  org.assertj.core.api.Assertions.assertThat(step.name())
                      .isEqualTo("Rechercher l'entreprise au répertoire"));
      org.assertj.core.api.Assertions.assertThat(
              cluster.requests("GET", "/v2/process-definitions/2/xml"))
          .hasSize(1);
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
          pages(
              new ProcessInstanceController(
                  CamundaStub.engine(client, new DeployedModels()),
                  org.mockito.Mockito.mock(io.passerelle.staff.ScopedResources.class)));

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
        .setControllerAdvice(new EnginePageErrors(), new PageExceptionHandler())
        .build();
  }
}
