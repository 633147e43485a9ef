package io.passerelle.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.logstreams.log.LoggedEvent;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.protocol.impl.record.RecordMetadata;
import io.camunda.zeebe.protocol.impl.record.value.timer.TimerRecord;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.TimerIntent;
import io.passerelle.config.Ports;
import io.passerelle.config.StartupConfigurationException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded engine stopped and started again on the same data directory, in one JVM: it comes
 * back where it stood, from its snapshot and the log after it (Zeebe's own recovery), without the
 * application around it.
 */
class EngineRestartTest {

  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @TempDir Path directory;

  private EngineDataDirectory data;
  private EmbeddedZeebeEngine engine;
  private EngineRecordProjection projection;
  private CamundaClient client;

  private static BpmnModelInstance model() {
    return Bpmn.createExecutableProcess("Process_Durable")
        .startEvent()
        .exclusiveGateway()
        .defaultFlow()
        .intermediateCatchEvent("MessageEvent_Go")
        .message(m -> m.name("durable-go").zeebeCorrelationKeyExpression("=id"))
        .endEvent("EndEvent_Message")
        .moveToLastGateway()
        .conditionExpression("=path = \"timer\"")
        .intermediateCatchEvent("TimerEvent_Wait")
        .timerWithDuration("PT1H")
        .userTask("UserTask_AfterTimer")
        .zeebeUserTask()
        .endEvent()
        .moveToLastGateway()
        .conditionExpression("=path = \"task\"")
        .userTask("UserTask_Assigned")
        .zeebeUserTask()
        .zeebeAssignee("hugo.bernard")
        .endEvent()
        .moveToLastGateway()
        .conditionExpression("=path = \"job\"")
        .serviceTask("ServiceTask_Job", t -> t.zeebeJobType("durable-job"))
        .endEvent("EndEvent_Job")
        .done();
  }

  private void start() {
    data = EngineDataDirectory.open(directory);
    engine = new EmbeddedZeebeEngine(Ports.anyFree(), data, true);
    projection = new EngineRecordProjection(engine.logStream().newLogStreamReader(), (d, e) -> e);
    engine.recoveredProjection().ifPresent(projection::restore);
    client =
        CamundaClient.newClientBuilder()
            .grpcAddress(URI.create("http://localhost:" + engine.port()))
            .restAddress(URI.create("http://localhost:" + Ports.anyFree()))
            .preferRestOverGrpc(false)
            .build();
  }

  /** Stops without a final snapshot: what a crash leaves, as far as the engine is concerned. */
  private void stop() {
    client.close();
    engine.destroy();
    data.close();
  }

  @AfterEach
  void tearDown() {
    if (client != null) {
      stop();
    }
  }

  private long create(String path, String id) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId("Process_Durable")
        .latestVersion()
        .variables(Map.of("path", path, "id", id))
        .send()
        .join()
        .getProcessInstanceKey();
  }

  private void awaitWaitingIn(long key, String elementId) {
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(projection.instanceState(key).orElseThrow().activeElementIds())
                    .contains(elementId));
  }

  private void awaitStatus(long key, InstanceState.Status status) {
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(projection.instanceState(key).orElseThrow().status()).isEqualTo(status));
  }

  private List<ActivatedJob> activate(Duration timeout) {
    return client
        .newActivateJobsCommand()
        .jobType("durable-job")
        .maxJobsToActivate(10)
        .timeout(timeout)
        .requestTimeout(Duration.ofSeconds(1))
        .send()
        .join()
        .getJobs();
  }

  private long timerTriggers(long instanceKey) {
    var reader = engine.logStream().newLogStreamReader();
    reader.seekToFirstEvent();
    var metadata = new RecordMetadata();
    var timer = new TimerRecord();
    long count = 0;
    while (reader.hasNext()) {
      LoggedEvent event = reader.next();
      metadata.reset();
      event.readMetadata(metadata);
      if (metadata.getRecordType() == RecordType.EVENT
          && metadata.getValueType() == ValueType.TIMER
          && metadata.getIntent() == TimerIntent.TRIGGERED) {
        timer.reset();
        event.readValue(timer);
        if (timer.getProcessInstanceKey() == instanceKey) {
          count++;
        }
      }
    }
    reader.close();
    return count;
  }

  @Test
  @DisplayName(
      "after a restart: a message wait, a timer due during the downtime (fires once), a user task"
          + " with its assignee, a job in flight (re-delivered after its time-out), an incident")
  void comesBackWhereItStood() {
    start();
    client.newDeployResourceCommand().addProcessModel(model(), "durable.bpmn").send().join();
    long message = create("message", "m-1");
    long timer = create("timer", "t-1");
    awaitWaitingIn(message, "MessageEvent_Go");
    awaitWaitingIn(timer, "TimerEvent_Wait");
    // a snapshot in the middle: the restart replays what comes after it
    assertThat(engine.takeSnapshot(projection)).isPresent();
    long task = create("task", "u-1");
    long job = create("job", "j-1");
    long failing = create("job", "j-2");
    awaitWaitingIn(task, "UserTask_Assigned");
    awaitWaitingIn(failing, "ServiceTask_Job");
    List<ActivatedJob> jobs =
        await().atMost(PATIENCE).until(() -> activate(Duration.ofMinutes(5)), j -> j.size() == 2);
    ActivatedJob toFail =
        jobs.stream().filter(j -> j.getProcessInstanceKey() == failing).findFirst().orElseThrow();
    client.newFailCommand(toFail.getKey()).retries(0).errorMessage("SMTP refused").send().join();
    await()
        .atMost(PATIENCE)
        .until(() -> !projection.instanceState(failing).orElseThrow().incidents().isEmpty());
    stop();
    client = null;

    // two hours of downtime: the engine clock's offset moves as the wall clock would have
    var kept = EngineDataDirectory.open(directory);
    kept.writeClockOffset(kept.clockOffsetMillis() + Duration.ofHours(2).toMillis());
    kept.close();
    start();
    assertThat(engine.offset()).isEqualTo(Duration.ofHours(2));

    // the message wait: still there, and the message completes it
    assertThat(projection.instanceState(message).orElseThrow().activeElementIds())
        .contains("MessageEvent_Go");
    client
        .newPublishMessageCommand()
        .messageName("durable-go")
        .correlationKey("m-1")
        .timeToLive(Duration.ofMinutes(1))
        .send()
        .join();
    awaitStatus(message, InstanceState.Status.COMPLETED);
    // the timer, due while the engine was down: fired once, right after the restart
    awaitWaitingIn(timer, "UserTask_AfterTimer");
    assertThat(timerTriggers(timer)).isEqualTo(1);
    // the user task with its assignee
    assertThat(projection.openUserTasks())
        .anySatisfy(
            t -> {
              assertThat(t.processInstanceKey()).isEqualTo(task);
              assertThat(t.assignee()).isEqualTo("hugo.bernard");
            });
    // the incident
    assertThat(projection.instanceState(failing).orElseThrow().incidents())
        .singleElement()
        .satisfies(i -> assertThat(i.errorMessage()).isEqualTo("SMTP refused"));
    // the job in flight: still activated for its worker until its time-out, then delivered again
    assertThat(activate(Duration.ofMinutes(5))).isEmpty();
    engine.advance(Duration.ofMinutes(6));
    // kept before it took effect: a crash now would not take the clock back
    assertThat(data.clockOffsetMillis()).isEqualTo(Duration.ofMinutes(126).toMillis());
    List<ActivatedJob> again =
        await().atMost(PATIENCE).until(() -> activate(Duration.ofMinutes(5)), j -> !j.isEmpty());
    assertThat(again)
        .singleElement()
        .satisfies(j -> assertThat(j.getProcessInstanceKey()).isEqualTo(job));
    client.newCompleteCommand(again.getFirst().getKey()).send().join();
    awaitStatus(job, InstanceState.Status.COMPLETED);
  }

  @Test
  @DisplayName("the projection's image gives back every task, step, incident and trail it held")
  void projectionImage() {
    start();
    client.newDeployResourceCommand().addProcessModel(model(), "durable.bpmn").send().join();
    long message = create("message", "m-2");
    long task = create("task", "u-2");
    long failing = create("job", "j-3");
    awaitWaitingIn(message, "MessageEvent_Go");
    awaitWaitingIn(task, "UserTask_Assigned");
    awaitWaitingIn(failing, "ServiceTask_Job");
    ActivatedJob job =
        await()
            .atMost(PATIENCE)
            .until(() -> activate(Duration.ofMinutes(5)), j -> j.size() == 1)
            .getFirst();
    client.newFailCommand(job.getKey()).retries(0).errorMessage("SMTP refused").send().join();
    await()
        .atMost(PATIENCE)
        .until(() -> !projection.instanceState(failing).orElseThrow().incidents().isEmpty());

    var image = projection.image();
    var copy = new EngineRecordProjection(engine.logStream().newLogStreamReader(), (d, e) -> e);
    copy.restore(image.content());

    assertThat(copy.catchUpNow()).isGreaterThanOrEqualTo(image.position());
    assertThat(copy.openUserTasks()).isEqualTo(projection.openUserTasks());
    for (long key : List.of(message, task, failing)) {
      assertThat(copy.instanceState(key)).isEqualTo(projection.instanceState(key));
      assertThat(copy.instanceTrail(key)).isEqualTo(projection.instanceTrail(key));
    }
  }

  @Test
  @DisplayName("a second engine on a data directory in use stops with one line; the first goes on")
  void locked() {
    start();
    assertThatThrownBy(() -> EngineDataDirectory.open(directory))
        .isInstanceOf(StartupConfigurationException.class)
        .hasMessageContaining("in use by another running Passerelle");
    client.newDeployResourceCommand().addProcessModel(model(), "durable.bpmn").send().join();
  }
}
