package io.passerelle.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.camunda.zeebe.protocol.record.intent.TimerIntent;
import io.passerelle.support.EngineCheckWorkers;
import io.passerelle.support.PasserelleSpringTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;

/**
 * The engine adapter in {@code embedded} mode, against the real in-memory Zeebe engine: each of its
 * operations, driven through the test-only engine-check model (worker → 2 h timer → message → user
 * task → worker).
 */
@PasserelleSpringTest
class EmbeddedEngineAdapterTest {

  private static final Duration PATIENCE = Duration.ofSeconds(15);

  @Autowired ProcessEngine engine;
  @Autowired EmbeddedZeebeEngine embedded;
  @Autowired EngineCheckWorkers.Recorder recorder;
  @Autowired EngineSnapshotDirector snapshotDirector;

  @Test
  @DisplayName("the models found at start-up are deployed and listed with their versions")
  void deploysAtStartUp() {
    assertThat(engine.mode()).isEqualTo(EngineMode.EMBEDDED);
    assertThat(engine.deployedModels().processes())
        .anySatisfy(p -> assertThat(p.bpmnProcessId()).isEqualTo("Process_EngineCheck"));
  }

  @Test
  @DisplayName("deploying the same model again keeps its version; a changed model gets a new one")
  void deployVersions() {
    String id = "Process_Deploy_" + UUID.randomUUID().toString().replace("-", "");
    var first = engine.deploy(List.of(model(id, "Première")));
    var again = engine.deploy(List.of(model(id, "Première")));
    var changed = engine.deploy(List.of(model(id, "Seconde")));
    assertThat(first.getProcesses().getFirst().getVersion()).isEqualTo(1);
    assertThat(again.getProcesses().getFirst().getVersion()).isEqualTo(1);
    assertThat(changed.getProcesses().getFirst().getVersion()).isEqualTo(2);
  }

  @Test
  @DisplayName("an instance runs a real job worker, waits on a timer until the engine clock moves")
  void workerThenTimer() {
    String checkId = newCheckId();
    long key = start(checkId, "PT2H");

    await().atMost(PATIENCE).until(() -> recorder.greeted(checkId));
    awaitWaitingIn(key, "TimerEvent_Wait");
    assertThat(engine.instanceState(key).status()).isEqualTo(InstanceState.Status.ACTIVE);

    embedded.advance(Duration.ofHours(2).plusMinutes(1));

    awaitWaitingIn(key, "MessageEvent_Go");
  }

  @Test
  @DisplayName(
      "timers due together: each trigger the due-date checker writes is remembered until the"
          + " engine has processed it, then forgotten")
  void dueTimerTriggersAreRememberedUntilProcessed() {
    var triggers = embedded.scheduledCommands();
    long before = triggers.remembered(TimerIntent.TRIGGER);
    List<Long> keys = IntStream.range(0, 30).mapToObj(i -> start(newCheckId(), "PT3H")).toList();
    keys.forEach(key -> awaitWaitingIn(key, "TimerEvent_Wait"));

    embedded.advance(Duration.ofHours(3).plusMinutes(1));

    keys.forEach(key -> awaitWaitingIn(key, "MessageEvent_Go"));
    assertThat(triggers.remembered(TimerIntent.TRIGGER) - before).isGreaterThanOrEqualTo(30);
    await().atMost(PATIENCE).until(() -> triggers.size(TimerIntent.TRIGGER) == 0);
  }

  @Test
  @DisplayName("a published message correlates by its key, and a repeated messageId is ignored")
  void messageCorrelates() {
    String checkId = newCheckId();
    long key = start(checkId, "PT0S");
    awaitWaitingIn(key, "MessageEvent_Go");

    boolean first =
        engine.publishMessage(
            "engine-check-go", checkId, "go-" + checkId, Duration.ofMinutes(1), Map.of());
    boolean second =
        engine.publishMessage(
            "engine-check-go", checkId, "go-" + checkId, Duration.ofMinutes(1), Map.of());

    assertThat(first).isTrue();
    assertThat(second).isFalse();
    awaitWaitingIn(key, "UserTask_Decide");
  }

  @Test
  @DisplayName(
      "a Camunda user task is listed, claimed and completed with variables that reach the next worker")
  void userTaskThroughTheAdapter() {
    String checkId = newCheckId();
    long key = start(checkId, "PT0S");
    awaitWaitingIn(key, "MessageEvent_Go");
    engine.publishMessage(
        "engine-check-go", checkId, "go-" + checkId, Duration.ofMinutes(1), Map.of());

    OpenUserTask task = await().atMost(PATIENCE).until(() -> taskOf(key), t -> t != null);
    assertThat(task.elementId()).isEqualTo("UserTask_Decide");
    assertThat(task.name()).isEqualTo("Decide");
    assertThat(task.candidateGroups()).containsExactly("staff");
    assertThat(task.assignee()).isNull();

    engine.assignUserTask(task.userTaskKey(), "marie");
    assertThat(engine.openUserTask(task.userTaskKey()))
        .get()
        .extracting(OpenUserTask::assignee)
        .isEqualTo("marie");

    engine.completeUserTask(task.userTaskKey(), Map.of("decision", "approuvé"));

    await().atMost(PATIENCE).until(() -> "approuvé".equals(recorder.decision(checkId)));
    await()
        .atMost(PATIENCE)
        .until(() -> engine.instanceState(key).status() == InstanceState.Status.COMPLETED);
    assertThat(engine.openUserTask(task.userTaskKey())).isEmpty();
  }

  @Test
  @DisplayName(
      "an instance's open tasks are found by its key, and a task's variables named like a form"
          + " field are read to prefill its form")
  void taskVariablesForItsForm() {
    String checkId = newCheckId();
    long key =
        engine.startInstance(
            "Process_EngineCheck",
            Map.of("checkId", checkId, "waitFor", "PT0S", "followUpNote", "rappeler lundi"));
    awaitWaitingIn(key, "MessageEvent_Go");
    engine.publishMessage(
        "engine-check-go", checkId, "go-" + checkId, Duration.ofMinutes(1), Map.of());

    OpenUserTask task =
        await()
            .atMost(PATIENCE)
            .until(
                () -> engine.openUserTasks(key).stream().findFirst().orElse(null), t -> t != null);

    assertThat(task.processInstanceKey()).isEqualTo(key);
    // followUpNote is a field of Form_FollowUpStalledActivation; checkId is no form's field
    assertThat(engine.userTaskVariables(task.userTaskKey()))
        .containsExactly(Map.entry("followUpNote", "rappeler lundi"));
    engine.completeUserTask(task.userTaskKey(), Map.of("decision", "approuvé"));
  }

  @Test
  @DisplayName("completing a task that is not open is refused with a clear error")
  void completingAnUnknownTask() {
    assertThatThrownBy(() -> engine.completeUserTask(123456789L, Map.of()))
        .isInstanceOf(UnknownInstanceException.class)
        .hasMessageContaining("123456789");
    assertThatThrownBy(() -> engine.instanceState(987654321L))
        .isInstanceOf(UnknownInstanceException.class);
  }

  @Test
  @DisplayName("a snapshot covers what was processed; instances and tasks are still known after it")
  void snapshotTaken() {
    String checkId = newCheckId();
    long key = start(checkId, "PT0S");
    awaitWaitingIn(key, "MessageEvent_Go");
    long processed = embedded.lastProcessedPosition();

    snapshotDirector.snapshotNow();

    var latest = embedded.snapshots().list().getFirst();
    assertThat(latest.processedPosition()).isGreaterThanOrEqualTo(processed);
    assertThat(latest.projectionPosition()).isGreaterThanOrEqualTo(processed);
    assertThat(embedded.logStorage().committedPosition()).isGreaterThanOrEqualTo(processed);
    assertThat(engine.instanceState(key).activeElementIds()).contains("MessageEvent_Go");
    engine.publishMessage(
        "engine-check-go", checkId, "go-" + checkId, Duration.ofMinutes(1), Map.of());
    OpenUserTask task = await().atMost(PATIENCE).until(() -> taskOf(key), t -> t != null);
    assertThat(task.elementId()).isEqualTo("UserTask_Decide");
  }

  private long start(String checkId, String waitFor) {
    return engine.startInstance(
        "Process_EngineCheck", Map.of("checkId", checkId, "waitFor", waitFor));
  }

  private void awaitWaitingIn(long key, String elementId) {
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> assertThat(engine.instanceState(key).activeElementIds()).contains(elementId));
  }

  private OpenUserTask taskOf(long key) {
    return engine.openUserTasks().stream()
        .filter(t -> t.processInstanceKey() == key)
        .findFirst()
        .orElse(null);
  }

  private static String newCheckId() {
    return "check-" + UUID.randomUUID();
  }

  private static ByteArrayResource model(String processId, String name) {
    String xml =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D_%1$s" targetNamespace="http://passerelle.io/test">
          <bpmn:process id="%1$s" name="%2$s" isExecutable="true">
            <bpmn:startEvent id="StartEvent_1" name="%2$s"><bpmn:outgoing>Flow_1</bpmn:outgoing></bpmn:startEvent>
            <bpmn:endEvent id="EndEvent_1"><bpmn:incoming>Flow_1</bpmn:incoming></bpmn:endEvent>
            <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_1" targetRef="EndEvent_1" />
          </bpmn:process>
        </bpmn:definitions>
        """
            .formatted(processId, name);
    return new ByteArrayResource(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return processId + ".bpmn";
      }
    };
  }
}
