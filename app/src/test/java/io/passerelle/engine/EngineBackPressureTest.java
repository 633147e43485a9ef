package io.passerelle.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.gateway.protocol.GatewayGrpc;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.protocol.impl.record.RecordMetadata;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceCreationIntent;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.passerelle.config.Ports;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded engine's back-pressure on the real engine: a burst written past the gateway (as the
 * engine's own timers write theirs) puts the backlog above a small limit; new starts are then
 * refused with RESOURCE_EXHAUSTED while a job completion passes, and starts are accepted again once
 * the engine has caught up.
 */
class EngineBackPressureTest {

  private static final long LIMIT = 1_000;
  private static final int BURST = 30_000;

  @TempDir Path directory;

  private EngineDataDirectory data;
  private EmbeddedZeebeEngine engine;
  private EngineRecordProjection projection;
  private CamundaClient client;

  @BeforeEach
  void start() {
    data = EngineDataDirectory.open(directory);
    engine = new EmbeddedZeebeEngine(Ports.anyFree(), data, true, LIMIT);
    projection = new EngineRecordProjection(engine.logStream().newLogStreamReader(), (d, e) -> e);
    client =
        CamundaClient.newClientBuilder()
            .grpcAddress(URI.create("http://localhost:" + engine.port()))
            .restAddress(URI.create("http://localhost:" + Ports.anyFree()))
            .preferRestOverGrpc(false)
            .defaultRequestTimeout(Duration.ofSeconds(60))
            .build();
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess("Process_BackPressure")
                .startEvent()
                .serviceTask("ServiceTask_Work", t -> t.zeebeJobType("back-pressure-job"))
                .endEvent()
                .done(),
            "back-pressure.bpmn")
        .send()
        .join();
  }

  @AfterEach
  void stop() {
    client.close();
    engine.destroy();
    data.close();
  }

  private long create() {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId("Process_BackPressure")
        .latestVersion()
        .variables(Map.of("attempt", System.nanoTime()))
        .send()
        .join()
        .getProcessInstanceKey();
  }

  /** The instance creations on the log: the commands written, and those the engine carried out. */
  private long[] creations() {
    var reader = engine.logStream().newLogStreamReader();
    reader.seekToFirstEvent();
    var metadata = new RecordMetadata();
    long commands = 0;
    long created = 0;
    while (reader.hasNext()) {
      var event = reader.next();
      metadata.reset();
      event.readMetadata(metadata);
      if (metadata.getValueType() == ValueType.PROCESS_INSTANCE_CREATION) {
        if (metadata.getRecordType() == RecordType.COMMAND) {
          commands++;
        } else if (metadata.getIntent() == ProcessInstanceCreationIntent.CREATED) {
          created++;
        }
      }
    }
    return new long[] {commands, created};
  }

  @Test
  @DisplayName(
      "above the limit a start is refused (RESOURCE_EXHAUSTED, nothing written), a job"
          + " completion passes; once drained, starts are accepted again")
  void refusesNewWorkWhileTheBacklogIsAboveTheLimit() {
    create();
    ActivatedJob job =
        client
            .newActivateJobsCommand()
            .jobType("back-pressure-job")
            .maxJobsToActivate(1)
            .timeout(Duration.ofMinutes(5))
            .send()
            .join()
            .getJobs()
            .getFirst();
    assertThat(engine.backlog()).isLessThan(LIMIT);

    EngineBacklog.fill(engine, BURST);
    long filledAt = System.nanoTime();
    long backlogBefore = engine.backlog();
    Throwable refused = catchThrowable(this::create);
    var completion = client.newCompleteCommand(job.getKey()).send();
    long backlogAfter = engine.backlog();

    assertThat(backlogBefore).isGreaterThan(LIMIT);
    assertThat(backlogAfter).as("still above the limit after both calls").isGreaterThan(LIMIT);
    assertThat(refused).isInstanceOf(ClientStatusException.class);
    assertThat(((ClientStatusException) refused).getStatusCode())
        .isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(refused.getMessage())
        .contains("The embedded engine is busy", "passerelle.engine.backlog-limit");
    assertThat(EngineErrors.translate("start", (RuntimeException) refused))
        .isInstanceOfSatisfying(
            EngineUnavailableException.class,
            e -> {
              assertThat(e.busy()).isTrue();
              assertThat(e.retryAfter()).isEqualTo(EngineErrors.RETRY_BUSY);
              assertThat(e.costsNoRetry()).isTrue();
            });

    // the completion was taken while the backlog was above the limit, and is done behind it
    completion.join();
    await().atMost(Duration.ofMinutes(2)).until(() -> engine.backlog() <= LIMIT);
    System.out.printf(
        "Back-pressure: a burst of %d commands (%d positions behind) drained below %d in %d ms%n",
        BURST, backlogBefore, LIMIT, Duration.ofNanos(System.nanoTime() - filledAt).toMillis());

    long accepted = create();
    assertThat(accepted).isPositive();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(creations())
                    .as("the first start and the accepted one; the refused one wrote nothing")
                    .containsExactly(2, 2));
    assertThat(projection.instanceState(accepted)).isPresent();
  }

  @Test
  @DisplayName("every method of the gateway is classified: new work (refused when busy) or not")
  void everyGatewayMethodIsClassified() {
    Set<String> methods =
        GatewayGrpc.getServiceDescriptor().getMethods().stream()
            .map(MethodDescriptor::getBareMethodName)
            .collect(Collectors.toSet());
    Set<String> classified = new HashSet<>(GatewayBackPressure.NEW_WORK);
    classified.addAll(GatewayBackPressure.DRAINING);

    assertThat(classified).containsExactlyInAnyOrderElementsOf(methods);
    assertThat(GatewayBackPressure.NEW_WORK)
        .doesNotContainAnyElementsOf(GatewayBackPressure.DRAINING)
        .contains(
            "CreateProcessInstance",
            "CreateProcessInstanceWithResult",
            "PublishMessage",
            "BroadcastSignal",
            "DeployResource");
    assertThat(GatewayBackPressure.DRAINING)
        .contains("ActivateJobs", "CompleteJob", "FailJob", "ThrowError", "Topology");
  }
}
