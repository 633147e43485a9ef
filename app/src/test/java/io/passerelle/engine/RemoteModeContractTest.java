package io.passerelle.engine;

import static io.passerelle.engine.CamundaStub.json;
import static io.passerelle.engine.CamundaStub.noContent;
import static io.passerelle.engine.CamundaStub.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.protocol.rest.ActivatedJobResult;
import io.camunda.client.protocol.rest.CreateProcessInstanceResult;
import io.camunda.client.protocol.rest.DeploymentMetadataResult;
import io.camunda.client.protocol.rest.DeploymentProcessResult;
import io.camunda.client.protocol.rest.DeploymentResult;
import io.camunda.client.protocol.rest.ElementInstanceSearchQueryResult;
import io.camunda.client.protocol.rest.FormResult;
import io.camunda.client.protocol.rest.IncidentResult;
import io.camunda.client.protocol.rest.IncidentSearchQueryResult;
import io.camunda.client.protocol.rest.JobActivationResult;
import io.camunda.client.protocol.rest.MessagePublicationResult;
import io.camunda.client.protocol.rest.ProcessDefinitionResult;
import io.camunda.client.protocol.rest.ProcessDefinitionSearchQueryResult;
import io.camunda.client.protocol.rest.ProcessInstanceResult;
import io.camunda.client.protocol.rest.ProcessInstanceStateEnum;
import io.camunda.client.protocol.rest.SearchQueryPageResponse;
import io.camunda.client.protocol.rest.UserTaskResult;
import io.camunda.client.protocol.rest.UserTaskSearchQueryResult;
import io.camunda.client.protocol.rest.UserTaskStateEnum;
import io.camunda.client.protocol.rest.VariableSearchQueryResult;
import io.camunda.client.protocol.rest.VariableSearchResult;
import io.passerelle.config.StartupConfigurationException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Remote mode against a stub that plays the Camunda 8.8 Orchestration Cluster REST API: each
 * request Passerelle makes is checked for its method, path and body (as the API documents them),
 * and each answer has the shape of the client's own protocol model. A change in a path or a body
 * fails here.
 */
class RemoteModeContractTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String INVITATION = "processes/client-invitation.bpmn";

  private final CamundaStub cluster = new CamundaStub();
  private final CamundaClient client = cluster.client();
  private final DeployedModels models = new DeployedModels();
  private final ProcessEngine engine = CamundaStub.engine(client, models);

  @AfterEach
  void stop() {
    client.close();
    cluster.close();
  }

  @Nested
  class Deployments {

    @Test
    @DisplayName("deploys the models in one multipart POST /v2/deployments, named by file")
    void deploys() {
      cluster.on("POST", "/v2/deployments", r -> json(deployed("Process_ClientInvitation", 3, 31)));

      var event = engine.deploy(List.of(new ClassPathResource(INVITATION)));

      var request = cluster.requests("POST", "/v2/deployments").getFirst();
      assertThat(request.contentType()).startsWith("multipart/form-data");
      assertThat(request.body())
          .contains("name=\"resources\"; filename=\"client-invitation.bpmn\"")
          .contains("id=\"Process_ClientInvitation\"");
      assertThat(event.getProcesses())
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.getVersion()).isEqualTo(3);
                assertThat(p.getProcessDefinitionKey()).isEqualTo(31);
              });
      assertThat(models.latestBpmnXml("Process_ClientInvitation")).isPresent();
    }

    @Test
    @DisplayName(
        "an unchanged bundled model is not deployed again: the cluster's latest version (from"
            + " Modeler) is kept and read from the cluster")
    void keepsTheLatestVersion() throws Exception {
      String bundled = bundled();
      var record = new MemoryRecord();
      record.remember(
          cluster.address().toString(),
          Map.of("client-invitation.bpmn", ProcessDeployer.sha256(bytes(bundled))),
          Instant.EPOCH);
      latestIs(7, 77, bundled);

      deployer(record).deployChanged(resources());

      assertThat(cluster.requests("POST", "/v2/deployments")).isEmpty();
      assertJson(
          cluster.requests("POST", "/v2/process-definitions/search").getFirst().body(),
          "{\"filter\":{\"processDefinitionId\":{\"$eq\":\"Process_ClientInvitation\",\"$in\":[],"
              + "\"$notIn\":[]},\"isLatestVersion\":true},\"sort\":[]}");
      assertThat(cluster.requests("GET", "/v2/process-definitions/77/xml")).hasSize(1);
      assertThat(models.processes())
          .singleElement()
          .satisfies(p -> assertThat(p.version()).isEqualTo(7));
    }

    @Test
    @DisplayName("a bundled model that changed since the last deployment is deployed and recorded")
    void deploysWhatChanged() throws Exception {
      var record = new MemoryRecord();
      record.remember(
          cluster.address().toString(), Map.of("client-invitation.bpmn", "older"), Instant.EPOCH);
      latestIs(7, 77, bundled());
      cluster.on("POST", "/v2/deployments", r -> json(deployed("Process_ClientInvitation", 8, 88)));

      deployer(record).deployChanged(resources());

      assertThat(cluster.requests("POST", "/v2/deployments")).hasSize(1);
      assertThat(record.deployed(cluster.address().toString()))
          .containsEntry("client-invitation.bpmn", ProcessDeployer.sha256(bytes(bundled())));
    }

    @Test
    @DisplayName("a cluster that does not know the process gets every bundled model")
    void deploysToAnEmptyCluster() throws Exception {
      var record = new MemoryRecord();
      record.remember(
          cluster.address().toString(),
          Map.of("client-invitation.bpmn", ProcessDeployer.sha256(bytes(bundled()))),
          Instant.EPOCH);
      cluster.on(
          "POST",
          "/v2/process-definitions/search",
          r ->
              json(
                  new ProcessDefinitionSearchQueryResult()
                      .items(List.of())
                      .page(new SearchQueryPageResponse().totalItems(0L))));
      cluster.on("POST", "/v2/deployments", r -> json(deployed("Process_ClientInvitation", 1, 11)));

      deployer(record).deployChanged(resources());

      assertThat(cluster.requests("POST", "/v2/deployments")).hasSize(1);
    }

    @Test
    @DisplayName(
        "refuses to start, in one line naming it, when the kept latest version lost a job type"
            + " Passerelle relies on")
    void refusesALatestVersionWithoutWhatTheAppReliesOn() throws Exception {
      String bundled = bundled();
      var record = new MemoryRecord();
      record.remember(
          cluster.address().toString(),
          Map.of("client-invitation.bpmn", ProcessDeployer.sha256(bytes(bundled))),
          Instant.EPOCH);
      latestIs(9, 99, bundled.replace("type=\"send-reminder\"", "type=\"relance-manuelle\""));

      assertThatThrownBy(() -> deployer(record).deployChanged(resources()))
          .isInstanceOf(StartupConfigurationException.class)
          .hasMessageContaining(
              "Process_ClientInvitation version 9 no longer has job type send-reminder")
          .hasMessageNotContaining("\n");
      assertThat(cluster.requests("POST", "/v2/deployments")).isEmpty();
    }

    private void latestIs(int version, long key, String xml) {
      cluster.on(
          "POST",
          "/v2/process-definitions/search",
          r ->
              json(
                  new ProcessDefinitionSearchQueryResult()
                      .items(
                          List.of(
                              new ProcessDefinitionResult()
                                  .processDefinitionId("Process_ClientInvitation")
                                  .processDefinitionKey(String.valueOf(key))
                                  .version(version)
                                  .resourceName("client-invitation.bpmn")
                                  .tenantId("<default>")))
                      .page(new SearchQueryPageResponse().totalItems(1L))));
      cluster.on(
          "GET",
          "/v2/process-definitions/" + key + "/xml",
          r ->
              new okhttp3.mockwebserver.MockResponse()
                  .setHeader("Content-Type", "text/xml")
                  .setBody(xml));
    }

    private ProcessDeployer deployer(DeploymentRecord record) {
      return new ProcessDeployer(
          engine,
          new PathMatchingResourcePatternResolver(),
          new EngineProperties(
              EngineMode.REMOTE,
              0,
              List.of("classpath*:" + INVITATION),
              Duration.ofSeconds(5),
              true,
              "",
              ""),
          record,
          Clock.fixed(Instant.parse("2026-12-06T00:00:00Z"), ZoneOffset.UTC));
    }

    private List<org.springframework.core.io.Resource> resources() {
      return List.of(new ClassPathResource(INVITATION));
    }
  }

  @Test
  @DisplayName("starts the latest version with POST /v2/process-instances")
  void starts() throws Exception {
    cluster.on(
        "POST",
        "/v2/process-instances",
        r ->
            json(
                new CreateProcessInstanceResult()
                    .processDefinitionId("Process_ClientOnboarding")
                    .processDefinitionKey("2251799813685250")
                    .processDefinitionVersion(4)
                    .processInstanceKey("2251799813685251")
                    .tenantId("<default>")
                    .variables(Map.of())));

    long key = engine.startInstance("Process_ClientOnboarding", Map.of("onboardingId", 12));

    assertThat(key).isEqualTo(2251799813685251L);
    assertJson(
        cluster.requests("POST", "/v2/process-instances").getFirst().body(),
        "{\"processDefinitionId\":\"Process_ClientOnboarding\",\"processDefinitionVersion\":-1,"
            + "\"variables\":{\"onboardingId\":12},\"tenantId\":\"<default>\",\"awaitCompletion\":false,"
            + "\"fetchVariables\":[],\"startInstructions\":[],\"runtimeInstructions\":[],\"tags\":[]}");
  }

  @Test
  @DisplayName(
      "publishes with a messageId (POST /v2/messages/publication); the duplicate's 409"
          + " ALREADY_EXISTS is 'already there', not an error")
  void publishes() throws Exception {
    cluster.on(
        "POST",
        "/v2/messages/publication",
        r ->
            json(
                new MessagePublicationResult()
                    .messageKey("2251799813685300")
                    .tenantId("<default>")));

    boolean first =
        engine.publishMessage(
            "invitation-resent",
            "onb-12",
            "invitation-resent-onb-12-3",
            Duration.ofMinutes(5),
            Map.of("invitationId", 3));
    cluster.on(
        "POST",
        "/v2/messages/publication",
        r ->
            problem(
                409,
                "ALREADY_EXISTS",
                "a message with id 'invitation-resent-onb-12-3' was already published"));
    boolean second =
        engine.publishMessage(
            "invitation-resent",
            "onb-12",
            "invitation-resent-onb-12-3",
            Duration.ofMinutes(5),
            Map.of("invitationId", 3));

    assertThat(first).isTrue();
    assertThat(second).isFalse();
    var requests = cluster.requests("POST", "/v2/messages/publication");
    assertThat(requests).hasSize(2);
    assertJson(
        requests.getFirst().body(),
        "{\"name\":\"invitation-resent\",\"correlationKey\":\"onb-12\",\"timeToLive\":300000,"
            + "\"messageId\":\"invitation-resent-onb-12-3\",\"variables\":{\"invitationId\":3},"
            + "\"tenantId\":\"<default>\"}");
    assertThat(requests.get(1).body()).isEqualTo(requests.getFirst().body());
  }

  @Test
  @DisplayName(
      "reads every open task page after page (205 tasks: two pages of 200, the cursor passed on)")
  void pagesThroughTheTasks() throws Exception {
    cluster.on(
        "POST",
        "/v2/user-tasks/search",
        r -> {
          boolean second = r.body().contains("\"after\"");
          int from = second ? 200 : 0;
          int count = second ? 5 : 200;
          return json(tasks(from, count, second ? "cursor-2" : "cursor-1"));
        });

    var tasks = engine.openUserTasks();

    assertThat(tasks).hasSize(205);
    assertThat(tasks.getLast().userTaskKey()).isEqualTo(1000 + 204);
    var requests = cluster.requests("POST", "/v2/user-tasks/search");
    assertThat(requests).hasSize(2);
    String filter =
        "\"filter\":{\"state\":{\"$eq\":\"CREATED\",\"$in\":[]},\"localVariables\":[],"
            + "\"processInstanceVariables\":[]},\"sort\":[]";
    assertJson(requests.get(0).body(), "{" + filter + ",\"page\":{\"limit\":200}}");
    assertJson(
        requests.get(1).body(), "{" + filter + ",\"page\":{\"limit\":200,\"after\":\"cursor-1\"}}");
  }

  @Test
  @DisplayName("asks for one instance's open tasks with the processInstanceKey filter")
  void searchesTheTasksOfAnInstance() throws Exception {
    cluster.on("POST", "/v2/user-tasks/search", r -> json(tasks(0, 1, "cursor-1")));

    var tasks = engine.openUserTasks(555L);

    assertThat(tasks)
        .singleElement()
        .satisfies(t -> assertThat(t.processInstanceKey()).isEqualTo(555L));
    assertJson(
        cluster.requests("POST", "/v2/user-tasks/search").getFirst().body(),
        "{\"filter\":{\"processInstanceKey\":\"555\",\"state\":{\"$eq\":\"CREATED\",\"$in\":[]},"
            + "\"localVariables\":[],\"processInstanceVariables\":[]},\"sort\":[],"
            + "\"page\":{\"limit\":200}}");
  }

  @Test
  @DisplayName(
      "a manager's task list asks the cluster for their tasks with filters (assigned to them;"
          + " unclaimed and offered to managers), not for the firm's every task")
  void searchesAManagersTasks() throws Exception {
    cluster.on("POST", "/v2/user-tasks/search", r -> json(tasks(0, 1, "cursor-1")));

    engine.openUserTasks(UserTaskQuery.assignedTo("claire.martin"));
    engine.openUserTasks(UserTaskQuery.unassignedOfGroup("managers"));

    var requests = cluster.requests("POST", "/v2/user-tasks/search");
    assertJson(
        requests.get(0).body(),
        "{\"filter\":{\"state\":{\"$eq\":\"CREATED\",\"$in\":[]},"
            + "\"assignee\":{\"$eq\":\"claire.martin\",\"$in\":[],\"$notIn\":[]},"
            + "\"localVariables\":[],\"processInstanceVariables\":[]},\"sort\":[],"
            + "\"page\":{\"limit\":200}}");
    assertJson(
        requests.get(1).body(),
        "{\"filter\":{\"state\":{\"$eq\":\"CREATED\",\"$in\":[]},"
            + "\"assignee\":{\"$exists\":false,\"$in\":[],\"$notIn\":[]},"
            + "\"candidateGroup\":{\"$eq\":\"managers\",\"$in\":[],\"$notIn\":[]},"
            + "\"localVariables\":[],\"processInstanceVariables\":[]},\"sort\":[],"
            + "\"page\":{\"limit\":200}}");
  }

  @Test
  @DisplayName(
      "assigns and completes with POST …/assignment and …/completion; completing again is a"
          + " refusal (409 INVALID_STATE), a task the cluster does not know is unknown (404)")
  void assignsAndCompletes() throws Exception {
    cluster.on("POST", "/v2/user-tasks/42/assignment", r -> noContent());
    cluster.on("POST", "/v2/user-tasks/42/completion", r -> noContent());

    engine.assignUserTask(42, "claire.martin");
    engine.completeUserTask(42, Map.of("followUpDecision", "RESEND"));

    assertJson(
        cluster.requests("POST", "/v2/user-tasks/42/assignment").getFirst().body(),
        "{\"assignee\":\"claire.martin\",\"allowOverride\":true}");
    assertJson(
        cluster.requests("POST", "/v2/user-tasks/42/completion").getFirst().body(),
        "{\"variables\":{\"followUpDecision\":\"RESEND\"}}");

    cluster.on(
        "POST",
        "/v2/user-tasks/42/completion",
        r ->
            problem(
                409,
                "INVALID_STATE",
                "Expected to complete user task, but it is in state 'COMPLETED'"));
    assertThatThrownBy(() -> engine.completeUserTask(42, Map.of()))
        .isExactlyInstanceOf(EngineException.class)
        .hasMessageContaining("refused to complete user task 42")
        .hasMessageContaining("INVALID_STATE");
    cluster.on(
        "POST", "/v2/user-tasks/43/completion", r -> problem(404, "NOT_FOUND", "no such task"));
    assertThatThrownBy(() -> engine.completeUserTask(43, Map.of()))
        .isInstanceOf(UnknownInstanceException.class);
  }

  @Test
  @DisplayName(
      "finds an instance's incidents, retries one (PATCH the job's retries, POST …/resolution);"
          + " resolving it again (404) changes nothing")
  void searchesAndResolvesIncidents() throws Exception {
    cluster.on("GET", "/v2/process-instances/7", r -> json(instance(7)));
    cluster.on(
        "POST",
        "/v2/element-instances/search",
        r ->
            json(
                new ElementInstanceSearchQueryResult()
                    .items(List.of())
                    .page(new SearchQueryPageResponse().totalItems(0L))));
    cluster.on(
        "POST",
        "/v2/incidents/search",
        r ->
            json(
                new IncidentSearchQueryResult()
                    .items(
                        List.of(
                            new IncidentResult()
                                .incidentKey("70")
                                .jobKey("71")
                                .processInstanceKey("7")
                                .processDefinitionKey("2")
                                .processDefinitionId("Process_DossierCreation")
                                .elementId("ServiceTask_LookupCompany")
                                .elementInstanceKey("72")
                                .errorType(IncidentResult.ErrorTypeEnum.JOB_NO_RETRIES)
                                .errorMessage("registry down")
                                .state(IncidentResult.StateEnum.ACTIVE)
                                .creationTime("2026-12-06T00:00:00.000Z")
                                .tenantId("<default>")))
                    .page(new SearchQueryPageResponse().totalItems(1L))));
    cluster.on("PATCH", "/v2/jobs/71", r -> noContent());
    cluster.on("POST", "/v2/incidents/70/resolution", r -> noContent());

    var incidents = engine.instanceState(7).incidents();
    boolean first = engine.retryIncident(70, 71, 1);
    cluster.on(
        "POST",
        "/v2/incidents/70/resolution",
        r ->
            problem(
                404,
                "NOT_FOUND",
                "Expected to resolve incident with key '70', but no such incident was found"));
    boolean second = engine.retryIncident(70, 71, 1);

    assertThat(incidents)
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.incidentKey()).isEqualTo(70);
              assertThat(i.jobKey()).isEqualTo(71);
            });
    assertJson(
        cluster.requests("POST", "/v2/incidents/search").getFirst().body(),
        "{\"filter\":{\"processInstanceKey\":\"7\",\"state\":\"ACTIVE\"},\"sort\":[],"
            + "\"page\":{\"limit\":200}}");
    assertJson(
        cluster.requests("PATCH", "/v2/jobs/71").getFirst().body(),
        "{\"changeset\":{\"retries\":1}}");
    assertThat(first).isTrue();
    assertThat(second).isFalse();
    assertThat(cluster.requests("POST", "/v2/incidents/70/resolution")).hasSize(2);
  }

  @Test
  @DisplayName("an instance the search does not show yet (404) is 'being indexed', not unknown")
  void instanceNotIndexedYet() {
    cluster.on(
        "GET",
        "/v2/process-instances/9",
        r -> problem(404, "NOT_FOUND", "Process instance with key '9' not found"));

    assertThatThrownBy(() -> engine.instanceState(9))
        .isInstanceOf(InstanceNotIndexedException.class);
    assertThatThrownBy(() -> engine.instanceTrail(9))
        .isInstanceOf(InstanceNotIndexedException.class);
  }

  @Test
  @DisplayName("reads a definition's BPMN from GET /v2/process-definitions/{key}/xml")
  void readsTheDefinitionXml() throws Exception {
    String xml = bundled();
    cluster.on(
        "GET",
        "/v2/process-definitions/5/xml",
        r ->
            new okhttp3.mockwebserver.MockResponse()
                .setHeader("Content-Type", "text/xml")
                .setBody(xml));
    cluster.on(
        "GET",
        "/v2/process-definitions/6/xml",
        r -> problem(404, "NOT_FOUND", "no such definition"));

    assertThat(engine.processDefinitionXml(5)).hasValue(bundled());
    assertThat(engine.processDefinitionXml(6)).isEmpty();
  }

  @Test
  @DisplayName(
      "reads a task's form (GET /v2/user-tasks/{key}/form) and its variables (POST"
          + " …/variables/search) to prefill it")
  void readsTheTaskFormAndVariables() {
    String schema = "{\"components\":[{\"key\":\"followUpNote\",\"type\":\"textarea\"}]}";
    cluster.on(
        "GET",
        "/v2/user-tasks/42/form",
        r ->
            json(
                new FormResult()
                    .formId("Form_FollowUpStalledActivation")
                    .formKey("2251799813685400")
                    .version(2L)
                    .schema(schema)
                    .tenantId("<default>")));
    cluster.on(
        "POST",
        "/v2/user-tasks/42/variables/search.*",
        r ->
            json(
                new VariableSearchQueryResult()
                    .items(
                        List.of(
                            new VariableSearchResult()
                                .name("followUpNote")
                                .value("\"rappeler lundi\"")
                                .variableKey("1")
                                .scopeKey("7")
                                .processInstanceKey("7")
                                .isTruncated(false)
                                .tenantId("<default>")))
                    .page(new SearchQueryPageResponse().totalItems(1L))));

    assertThat(engine.userTaskForm(42)).hasValue(schema);
    assertThat(engine.userTaskVariables(42)).containsEntry("followUpNote", "rappeler lundi");
    assertThat(cluster.requests("POST", "/v2/user-tasks/42/variables/search.*").getFirst().path())
        .contains("truncateValues=false");
  }

  @Test
  @DisplayName(
      "a cluster that does not answer: nothing done, 'unavailable' with a retry delay, health DOWN")
  void unreachableCluster() throws Exception {
    int nobody;
    try (var socket = new ServerSocket(0)) {
      nobody = socket.getLocalPort();
    }
    try (var offline = CamundaStub.client(URI.create("http://127.0.0.1:" + nobody))) {
      var down = CamundaStub.engine(offline, new DeployedModels());

      assertThatThrownBy(() -> down.startInstance("Process_ClientOnboarding", Map.of()))
          .isInstanceOfSatisfying(
              EngineUnavailableException.class,
              e -> {
                assertThat(e.busy()).isFalse();
                assertThat(e.retryAfter()).isPositive();
              });
      assertThat(new EngineHealthIndicator(down).health().getStatus()).isEqualTo(Status.DOWN);
    }
  }

  @Test
  @DisplayName("back-pressure (503 RESOURCE_EXHAUSTED) is 'busy, try again', not an error")
  void backPressure() {
    cluster.on(
        "POST",
        "/v2/process-instances",
        r ->
            problem(
                503,
                "RESOURCE_EXHAUSTED",
                "Expected to handle request, but there was back-pressure"));

    assertThatThrownBy(() -> engine.startInstance("Process_ClientOnboarding", Map.of()))
        .isInstanceOfSatisfying(
            EngineUnavailableException.class, e -> assertThat(e.busy()).isTrue());
  }

  @Test
  @DisplayName(
      "a job worker takes its job over REST (POST /v2/jobs/activation) and completes it (POST"
          + " /v2/jobs/{key}/completion)")
  void jobWorkerOverRest() throws Exception {
    var handedOut = new java.util.concurrent.atomic.AtomicBoolean();
    cluster.on(
        "POST",
        "/v2/jobs/activation",
        r ->
            json(
                new JobActivationResult()
                    .jobs(
                        handedOut.getAndSet(true)
                            ? List.of()
                            : List.of(
                                new ActivatedJobResult()
                                    .jobKey("900")
                                    .type("send-reminder")
                                    .processInstanceKey("7")
                                    .processDefinitionKey("2")
                                    .processDefinitionId("Process_ClientInvitation")
                                    .processDefinitionVersion(1)
                                    .elementId("ServiceTask_SendReminder")
                                    .elementInstanceKey("8")
                                    .worker("passerelle")
                                    .retries(3)
                                    .deadline(Instant.now().plusSeconds(60).toEpochMilli())
                                    .variables(Map.of("invitationId", 3))
                                    .customHeaders(Map.of())
                                    .tenantId("<default>")
                                    .kind(io.camunda.client.protocol.rest.JobKindEnum.BPMN_ELEMENT)
                                    .listenerEventType(
                                        io.camunda.client.protocol.rest.JobListenerEventTypeEnum
                                            .UNSPECIFIED)))));
    cluster.on("POST", "/v2/jobs/900/completion", r -> noContent());
    List<Object> seen = new ArrayList<>();

    try (var worker =
        client
            .newWorker()
            .jobType("send-reminder")
            .handler(
                (jobClient, job) -> {
                  seen.add(job.getVariablesAsMap().get("invitationId"));
                  jobClient
                      .newCompleteCommand(job)
                      .variables(Map.of("reminderSent", true))
                      .send()
                      .join();
                })
            .name("passerelle")
            .pollInterval(Duration.ofMillis(50))
            .open()) {
      Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> !cluster.requests("POST", "/v2/jobs/900/completion").isEmpty());
    }

    assertThat(seen).containsExactly(3);
    var activation =
        MAPPER.readValue(
            cluster.requests("POST", "/v2/jobs/activation").getFirst().body(), Map.class);
    assertThat(activation)
        .containsEntry("type", "send-reminder")
        .containsEntry("worker", "passerelle");
    assertJson(
        cluster.requests("POST", "/v2/jobs/900/completion").getFirst().body(),
        "{\"variables\":{\"reminderSent\":true}}");
  }

  // ---- answers in the protocol model's shape ----

  private static DeploymentResult deployed(String processId, int version, long key) {
    return new DeploymentResult()
        .deploymentKey("2251799813685200")
        .tenantId("<default>")
        .deployments(
            List.of(
                new DeploymentMetadataResult()
                    .processDefinition(
                        new DeploymentProcessResult()
                            .processDefinitionId(processId)
                            .processDefinitionVersion(version)
                            .processDefinitionKey(String.valueOf(key))
                            .resourceName("client-invitation.bpmn")
                            .tenantId("<default>"))));
  }

  private static UserTaskSearchQueryResult tasks(int from, int count, String endCursor) {
    var items =
        IntStream.range(from, from + count)
            .mapToObj(
                i ->
                    new UserTaskResult()
                        .userTaskKey(String.valueOf(1000 + i))
                        .processInstanceKey("555")
                        .elementInstanceKey(String.valueOf(5000 + i))
                        .processDefinitionKey("2")
                        .processDefinitionId("Process_ClientInvitation")
                        .elementId("UserTask_FollowUpStalledActivation")
                        .name("Relancer le client")
                        .state(UserTaskStateEnum.CREATED)
                        .candidateGroups(List.of("manager"))
                        .candidateUsers(List.of())
                        .creationDate("2026-12-06T00:00:00.000Z")
                        .tenantId("<default>")
                        .formKey("2251799813685400")
                        .priority(50))
            .toList();
    return new UserTaskSearchQueryResult()
        .items(items)
        .page(new SearchQueryPageResponse().totalItems(205L).startCursor("s").endCursor(endCursor));
  }

  private static ProcessInstanceResult instance(long key) {
    return new ProcessInstanceResult()
        .processInstanceKey(String.valueOf(key))
        .processDefinitionKey("2")
        .processDefinitionId("Process_DossierCreation")
        .processDefinitionName("Création d'un dossier client")
        .processDefinitionVersion(1)
        .state(ProcessInstanceStateEnum.ACTIVE)
        .hasIncident(true)
        .startDate("2026-12-06T00:00:00.000Z")
        .tenantId("<default>");
  }

  private static String bundled() throws Exception {
    try (var in = new ClassPathResource(INVITATION).getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static void assertJson(String actual, String expected) throws Exception {
    assertThat(MAPPER.readValue(actual, Map.class))
        .isEqualTo(MAPPER.readValue(expected, Map.class));
  }

  /** The deployment record without a database (the table is tested with it elsewhere). */
  static final class MemoryRecord extends DeploymentRecord {
    private final Map<String, Map<String, String>> byTarget = new HashMap<>();

    MemoryRecord() {
      super(null);
    }

    @Override
    Map<String, String> deployed(String target) {
      return Map.copyOf(byTarget.getOrDefault(target, Map.of()));
    }

    @Override
    void remember(String target, Map<String, String> checksums, Instant at) {
      byTarget.computeIfAbsent(target, t -> new HashMap<>()).putAll(checksums);
    }
  }
}
