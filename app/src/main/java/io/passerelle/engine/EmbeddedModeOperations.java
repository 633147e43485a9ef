package io.passerelle.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.logstreams.log.LogAppendEntry;
import io.camunda.zeebe.logstreams.log.LogStreamWriter;
import io.camunda.zeebe.logstreams.log.WriteContext;
import io.camunda.zeebe.protocol.impl.encoding.MsgPackConverter;
import io.camunda.zeebe.protocol.impl.record.RecordMetadata;
import io.camunda.zeebe.protocol.impl.record.value.usertask.UserTaskRecord;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.UserTaskIntent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The embedded engine has no REST API. User-task commands are written onto its log stream, as its
 * own gateway writes the commands it receives, and the outcome is read back from the projection:
 * the task completed (or got its assignee), or the engine rejected the command and says why.
 */
final class EmbeddedModeOperations implements ModeOperations {

  private static final Duration POLL = Duration.ofMillis(10);

  private final LogStreamWriter writer;
  private final EngineRecordProjection projection;
  private final ObjectMapper json;
  private final Duration timeout;
  private final DeployedModels deployed;
  private final EmbeddedZeebeEngine engine;

  /** How often a caller waiting for capacity looks at the backlog again. */
  private static final Duration CAPACITY_POLL = Duration.ofMillis(25);

  EmbeddedModeOperations(
      EmbeddedZeebeEngine engine,
      EngineRecordProjection projection,
      ObjectMapper json,
      Duration timeout,
      DeployedModels deployed) {
    this.writer = engine.logStream().newLogStreamWriter();
    this.projection = projection;
    this.json = json;
    this.timeout = timeout;
    this.deployed = deployed;
    this.engine = engine;
  }

  /**
   * Waits until the backlog is below three quarters of the gateway's limit: a start sent then is
   * taken, where one sent at the limit would be refused, rolled back and sent again (the margin
   * keeps the waiting callers from all being refused together the moment the backlog dips).
   */
  @Override
  public boolean awaitCapacity(Duration within) {
    long threshold = engine.backlogLimit() / 4 * 3;
    long deadline = System.nanoTime() + within.toNanos();
    while (engine.backlog() > threshold) {
      if (System.nanoTime() >= deadline) {
        return false;
      }
      try {
        Thread.sleep(CAPACITY_POLL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  @Override
  public List<OpenUserTask> openUserTasks(UserTaskQuery query) {
    return projection.openUserTasks().stream().filter(query::matches).toList();
  }

  @Override
  public Optional<String> userTaskForm(long userTaskKey) {
    return projection
        .openUserTask(userTaskKey)
        .filter(task -> task.formKey() > 0)
        .flatMap(task -> deployed.formSchema(task.formKey()));
  }

  /** The task's variables named like a form field, from the projection (JSON values parsed). */
  @Override
  public Map<String, Object> userTaskVariables(long userTaskKey) {
    Map<String, Object> variables = new java.util.LinkedHashMap<>();
    projection
        .userTaskVariables(userTaskKey)
        .forEach(
            (name, value) -> {
              try {
                variables.put(name, json.readValue(value, Object.class));
              } catch (JsonProcessingException e) {
                throw new IllegalStateException("The engine holds a variable that is not JSON", e);
              }
            });
    return variables;
  }

  @Override
  public Optional<String> processDefinitionXml(long processDefinitionKey) {
    return deployed.bpmnXml(processDefinitionKey);
  }

  @Override
  public Optional<LatestDefinition> latestDefinition(String bpmnProcessId) {
    return deployed.processes().stream()
        .filter(p -> p.bpmnProcessId().equals(bpmnProcessId))
        .max(java.util.Comparator.comparingInt(DeployedModels.DeployedProcess::version))
        .flatMap(
            p ->
                deployed
                    .bpmnXml(p.processDefinitionKey())
                    .map(
                        xml ->
                            new LatestDefinition(
                                bpmnProcessId, p.version(), p.processDefinitionKey(), xml)));
  }

  @Override
  public Optional<List<EngineDeployments.Definition>> heldUnchanged(Map<String, byte[]> resources) {
    return projection.holdsUnchanged(resources)
        ? Optional.of(projection.deployedDefinitions())
        : Optional.empty();
  }

  @Override
  public Optional<OpenUserTask> openUserTask(long userTaskKey) {
    return projection.openUserTask(userTaskKey);
  }

  @Override
  public void assignUserTask(long userTaskKey, String assignee) {
    requireOpen(userTaskKey);
    var record = new UserTaskRecord().setUserTaskKey(userTaskKey).setAction("assign");
    record.setAssignee(assignee == null ? "" : assignee);
    long position = write(userTaskKey, record, UserTaskIntent.ASSIGN);
    awaitOutcome(
        position,
        () ->
            projection
                .openUserTask(userTaskKey)
                .map(task -> java.util.Objects.equals(task.assignee(), assignee))
                .orElse(true),
        "assign user task " + userTaskKey);
  }

  @Override
  public void completeUserTask(long userTaskKey, Map<String, Object> variables) {
    requireOpen(userTaskKey);
    var record = new UserTaskRecord().setUserTaskKey(userTaskKey).setAction("complete");
    if (variables != null && !variables.isEmpty()) {
      record.setVariables(new UnsafeBuffer(toMsgPack(variables)));
    }
    long position = write(userTaskKey, record, UserTaskIntent.COMPLETE);
    awaitOutcome(
        position,
        () -> projection.openUserTask(userTaskKey).isEmpty(),
        "complete user task " + userTaskKey);
  }

  @Override
  public Optional<InstanceState> instanceState(long processInstanceKey) {
    return projection.instanceState(processInstanceKey);
  }

  @Override
  public Optional<InstanceTrail> instanceTrail(long processInstanceKey) {
    return projection.instanceTrail(processInstanceKey);
  }

  @Override
  public Map<Long, InstanceState.Status> instanceStatuses(
      java.util.Collection<Long> processInstanceKeys) {
    return projection.instanceStatuses(processInstanceKeys);
  }

  @Override
  public List<OpenIncident> openIncidents() {
    return projection.openIncidents();
  }

  private void requireOpen(long userTaskKey) {
    if (projection.openUserTask(userTaskKey).isEmpty()) {
      throw new UnknownInstanceException("No open user task with key " + userTaskKey);
    }
  }

  private long write(long key, UserTaskRecord record, UserTaskIntent intent) {
    var metadata =
        new RecordMetadata()
            .recordType(RecordType.COMMAND)
            .valueType(ValueType.USER_TASK)
            .intent(intent);
    // The engine's gateway writes through the same sequencer and synchronises on it.
    synchronized (writer) {
      var result =
          writer.tryWrite(WriteContext.internal(), LogAppendEntry.of(key, metadata, record));
      if (result.isLeft()) {
        throw new EngineException("The engine did not accept the command: " + result.getLeft());
      }
      return result.get();
    }
  }

  private void awaitOutcome(long position, BooleanSupplier done, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<String> rejection = projection.rejectionOf(position);
      if (rejection.isPresent()) {
        throw new EngineException("The engine refused to " + what + ": " + rejection.get());
      }
      if (done.getAsBoolean()) {
        return;
      }
      try {
        Thread.sleep(POLL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EngineException("Interrupted while waiting to " + what, e);
      }
    }
    throw new EngineException("The engine did not " + what + " within " + timeout);
  }

  private byte[] toMsgPack(Map<String, Object> variables) {
    try {
      return MsgPackConverter.convertToMsgPack(json.writeValueAsString(variables));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Variables cannot be written as JSON: " + e, e);
    }
  }
}
