package io.passerelle.engine;

import static io.passerelle.engine.CamundaStub.json;
import static io.passerelle.engine.CamundaStub.noContent;
import static io.passerelle.engine.CamundaStub.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.protocol.rest.IncidentResult;
import io.camunda.client.protocol.rest.IncidentSearchQueryResult;
import io.camunda.client.protocol.rest.ProcessInstanceResult;
import io.camunda.client.protocol.rest.ProcessInstanceSearchQueryResult;
import io.camunda.client.protocol.rest.ProcessInstanceStateEnum;
import io.camunda.client.protocol.rest.SearchQueryPageResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Remote mode's side of the operator page (issue 18, item 6) against the stub cluster: which
 * instances the cluster knows (a search by keys, {@code $in}, a bounded number of keys a request),
 * every open incident (the incident search, paged to the end), and the bulk retry (PATCH each job's
 * retries, POST each resolution; an incident resolved meanwhile is skipped).
 */
class OperationsContractTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final CamundaStub cluster = new CamundaStub();
  private final CamundaClient client = cluster.client();
  private final ProcessEngine engine = CamundaStub.engine(client, new DeployedModels());

  @AfterEach
  void stop() {
    client.close();
    cluster.close();
  }

  @Test
  @DisplayName(
      "250 keys: three searches by keys ($in, 100 a request); an instance the cluster does not"
          + " return is unknown, a terminated one says so")
  void instanceStatusesByKeys() throws Exception {
    cluster.on(
        "POST",
        "/v2/process-instances/search",
        r -> {
          List<ProcessInstanceResult> found = new ArrayList<>();
          for (JsonNode key : read(r.body()).at("/filter/processInstanceKey/$in")) {
            long k = Long.parseLong(key.asText());
            if (k % 10 != 0) { // every tenth is gone from the cluster
              found.add(
                  instance(
                      k,
                      k == 7
                          ? ProcessInstanceStateEnum.TERMINATED
                          : ProcessInstanceStateEnum.ACTIVE));
            }
          }
          return json(
              new ProcessInstanceSearchQueryResult()
                  .items(found)
                  .page(new SearchQueryPageResponse().totalItems((long) found.size())));
        });
    List<Long> keys = LongStream.rangeClosed(1, 250).boxed().toList();

    var statuses = engine.instanceStatuses(keys);

    var searches = cluster.requests("POST", "/v2/process-instances/search");
    assertThat(searches).hasSize(3);
    assertThat(read(searches.getFirst().body()).at("/filter/processInstanceKey/$in")).hasSize(100);
    assertThat(read(searches.get(2).body()).at("/filter/processInstanceKey/$in")).hasSize(50);
    assertThat(read(searches.getFirst().body()).at("/page/limit").asInt()).isEqualTo(200);
    assertThat(statuses).hasSize(225).doesNotContainKeys(10L, 20L, 250L);
    assertThat(statuses.get(7L)).isEqualTo(InstanceState.Status.TERMINATED);
    assertThat(statuses.get(8L)).isEqualTo(InstanceState.Status.ACTIVE);
    assertThat(engine.instanceStatuses(List.of())).isEmpty();
  }

  @Test
  @DisplayName(
      "every open incident: the search filtered on ACTIVE, paged with the cursor to the last page;"
          + " a stack trace keeps its first line")
  void openIncidentsPaged() throws Exception {
    cluster.on(
        "POST",
        "/v2/incidents/search",
        r -> {
          boolean second = read(r.body()).at("/page/after").isTextual();
          List<IncidentResult> items = new ArrayList<>();
          int count = second ? 3 : RemoteModeOperations.PAGE;
          for (int i = 0; i < count; i++) {
            long key = (second ? 1_000 : 0) + i + 1;
            items.add(incident(key, "java.lang.IllegalStateException: SMTP down\n\tat a.b.C"));
          }
          return json(
              new IncidentSearchQueryResult()
                  .items(items)
                  .page(
                      new SearchQueryPageResponse()
                          .totalItems(203L)
                          .endCursor(second ? null : "cursor-1")));
        });

    var incidents = engine.openIncidents();

    assertThat(incidents).hasSize(203);
    assertThat(incidents.getFirst().errorMessage()).isEqualTo("SMTP down");
    assertThat(incidents.getFirst().processInstanceKey()).isEqualTo(500);
    assertThat(incidents.getFirst().jobKey()).isEqualTo(10_001);
    var searches = cluster.requests("POST", "/v2/incidents/search");
    assertThat(searches).hasSize(2);
    assertThat(read(searches.getFirst().body()).at("/filter/state").asText()).isEqualTo("ACTIVE");
    assertThat(read(searches.get(1).body()).at("/page/after").asText()).isEqualTo("cursor-1");
  }

  @Test
  @DisplayName(
      "bulk retry: each job's retries (PATCH), then each resolution (POST); one resolved meanwhile"
          + " (404) is skipped; the cluster down stops it with ENGINE_UNAVAILABLE")
  void bulkRetry() throws Exception {
    cluster.on("PATCH", "/v2/jobs/\\d+", r -> noContent());
    cluster.on("POST", "/v2/incidents/\\d+/resolution", r -> noContent());
    cluster.on(
        "POST",
        "/v2/incidents/2/resolution",
        r -> problem(404, "NOT_FOUND", "Expected to resolve incident with key '2'"));
    List<OpenIncident> incidents = new ArrayList<>();
    for (long key = 1; key <= 150; key++) {
      incidents.add(open(key));
    }

    int retried = engine.retryIncidents(incidents, 1);

    assertThat(retried).isEqualTo(149);
    assertThat(cluster.requests("PATCH", "/v2/jobs/\\d+")).hasSize(150);
    assertThat(cluster.requests("POST", "/v2/incidents/\\d+/resolution")).hasSize(150);
    assertThat(read(cluster.requests("PATCH", "/v2/jobs/10001").getFirst().body()))
        .isEqualTo(MAPPER.valueToTree(Map.of("changeset", Map.of("retries", 1))));

    cluster.on("PATCH", "/v2/jobs/\\d+", r -> problem(503, "UNAVAILABLE", "cluster down"));
    assertThatThrownBy(() -> engine.retryIncidents(List.of(open(9)), 1))
        .isInstanceOf(EngineUnavailableException.class);
  }

  private static OpenIncident open(long key) {
    return new OpenIncident(
        key,
        500,
        "Process_ClientInvitation",
        2,
        "ServiceTask_SendInvitation",
        10_000 + key,
        "JOB_NO_RETRIES",
        "SMTP down",
        null);
  }

  private static IncidentResult incident(long key, String message) {
    return new IncidentResult()
        .incidentKey(String.valueOf(key))
        .jobKey(String.valueOf(10_000 + key))
        .processInstanceKey("500")
        .processDefinitionKey("2")
        .processDefinitionId("Process_ClientInvitation")
        .elementId("ServiceTask_SendInvitation")
        .elementInstanceKey("72")
        .errorType(IncidentResult.ErrorTypeEnum.JOB_NO_RETRIES)
        .errorMessage(message)
        .state(IncidentResult.StateEnum.ACTIVE)
        .creationTime("2026-12-06T00:00:00.000Z")
        .tenantId("<default>");
  }

  private static ProcessInstanceResult instance(long key, ProcessInstanceStateEnum state) {
    return new ProcessInstanceResult()
        .processInstanceKey(String.valueOf(key))
        .processDefinitionKey("2")
        .processDefinitionId("Process_ClientOnboarding")
        .processDefinitionName("Intégration d'un client")
        .processDefinitionVersion(1)
        .state(state)
        .hasIncident(false)
        .startDate("2026-12-06T00:00:00.000Z")
        .tenantId("<default>");
  }

  private static JsonNode read(String body) {
    try {
      return MAPPER.readTree(body);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
