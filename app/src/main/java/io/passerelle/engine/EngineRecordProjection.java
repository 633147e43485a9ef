package io.passerelle.engine;

import io.camunda.zeebe.logstreams.log.LogStreamReader;
import io.camunda.zeebe.logstreams.log.LoggedEvent;
import io.camunda.zeebe.protocol.impl.record.RecordMetadata;
import io.camunda.zeebe.protocol.impl.record.value.deployment.DeploymentRecord;
import io.camunda.zeebe.protocol.impl.record.value.incident.IncidentRecord;
import io.camunda.zeebe.protocol.impl.record.value.processinstance.ProcessInstanceRecord;
import io.camunda.zeebe.protocol.impl.record.value.usertask.UserTaskRecord;
import io.camunda.zeebe.protocol.impl.record.value.variable.VariableRecord;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.DeploymentIntent;
import io.camunda.zeebe.protocol.record.intent.IncidentIntent;
import io.camunda.zeebe.protocol.record.intent.Intent;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.intent.UserTaskIntent;
import io.camunda.zeebe.protocol.record.intent.VariableIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The embedded mode's answer to Camunda's search API: a projection of the in-memory engine's record
 * stream, read incrementally from the last position seen.
 *
 * <p>It survives a restart: its {@link #image()} is kept in each engine snapshot with the position
 * of the last record it applied, and the log is kept from there; after a restart it is {@link
 * #restore restored} and reads on from the record after that position.
 *
 * <p>It keeps only what the queries need: open user tasks, and per process instance its status,
 * active steps and open incidents, and the variables named like a field of a deployed form (to
 * prefill a task's form as Tasklist does; only those, to keep the projection small), and the latest
 * version of each deployed definition ({@link EngineDeployments}). Every query first catches up
 * with the log, so a query made after a command has been processed sees its effect.
 */
final class EngineRecordProjection {

  /** 2: with the deployments at the end; 1 (before) is still read, without them. */
  private static final int IMAGE_FORMAT = 2;

  private final LogStreamReader reader;
  private final ElementNames names;
  private long lastPosition = -1;

  private final Map<Long, OpenUserTask> openTasks = new LinkedHashMap<>();
  private final Map<Long, Instance> instances = new HashMap<>();
  private final Map<Long, String> rejectionsBySourcePosition = new LinkedHashMap<>();

  /** Process instance → scope → form-field variable → JSON value. */
  private final Map<Long, Map<Long, Map<String, String>>> variables = new HashMap<>();

  private final RecordMetadata metadata = new RecordMetadata();
  private final UserTaskRecord userTask = new UserTaskRecord();
  private final ProcessInstanceRecord processInstance = new ProcessInstanceRecord();
  private final IncidentRecord incident = new IncidentRecord();
  private final VariableRecord variable = new VariableRecord();
  private final DeploymentRecord deployment = new DeploymentRecord();
  private final EngineDeployments deployments = new EngineDeployments();
  private final java.util.function.Predicate<String> formFields;

  /** Resolves an element's business name from its process definition. */
  interface ElementNames {
    String nameOf(long processDefinitionKey, String elementId);
  }

  EngineRecordProjection(LogStreamReader reader, ElementNames names) {
    this(reader, names, name -> false);
  }

  EngineRecordProjection(
      LogStreamReader reader, ElementNames names, java.util.function.Predicate<String> formFields) {
    this.reader = reader;
    this.names = names;
    this.formFields = formFields;
  }

  /**
   * The form-field variables an open task sees (JSON values): its instance's, overridden by its own
   * element's local ones.
   */
  synchronized Map<String, String> userTaskVariables(long userTaskKey) {
    catchUp();
    OpenUserTask task = openTasks.get(userTaskKey);
    var scopes = task == null ? null : variables.get(task.processInstanceKey());
    if (scopes == null) {
      return Map.of();
    }
    Map<String, String> visible =
        new LinkedHashMap<>(scopes.getOrDefault(task.processInstanceKey(), Map.of()));
    visible.putAll(scopes.getOrDefault(task.elementInstanceKey(), Map.of()));
    return visible;
  }

  synchronized List<OpenUserTask> openUserTasks() {
    catchUp();
    return List.copyOf(openTasks.values());
  }

  synchronized Optional<OpenUserTask> openUserTask(long userTaskKey) {
    catchUp();
    return Optional.ofNullable(openTasks.get(userTaskKey));
  }

  synchronized Optional<InstanceState> instanceState(long processInstanceKey) {
    catchUp();
    return Optional.ofNullable(instances.get(processInstanceKey)).map(Instance::toState);
  }

  synchronized Optional<InstanceTrail> instanceTrail(long processInstanceKey) {
    catchUp();
    return Optional.ofNullable(instances.get(processInstanceKey)).map(Instance::toTrail);
  }

  /** The status of each instance the projection knows among these keys (one pass, in memory). */
  synchronized Map<Long, InstanceState.Status> instanceStatuses(
      java.util.Collection<Long> processInstanceKeys) {
    catchUp();
    Map<Long, InstanceState.Status> statuses = new HashMap<>();
    for (Long key : processInstanceKeys) {
      Instance instance = key == null ? null : instances.get(key);
      if (instance != null) {
        statuses.put(key, instance.status);
      }
    }
    return statuses;
  }

  /** Every open incident of every instance, oldest first. */
  synchronized List<OpenIncident> openIncidents() {
    catchUp();
    List<OpenIncident> open = new ArrayList<>();
    for (Instance instance : instances.values()) {
      for (InstanceState.Incident incident : instance.incidents.values()) {
        open.add(
            new OpenIncident(
                incident.incidentKey(),
                instance.key,
                instance.bpmnProcessId,
                instance.processDefinitionKey,
                incident.elementId(),
                incident.jobKey(),
                incident.errorType(),
                incident.errorMessage(),
                incident.created()));
      }
    }
    open.sort(
        java.util.Comparator.comparing(OpenIncident::created)
            .thenComparingLong(OpenIncident::incidentKey));
    return open;
  }

  /**
   * The latest version of every definition deployed to the engine, as far as the projection has
   * read (it reads the log to its end first).
   */
  synchronized List<EngineDeployments.Definition> deployedDefinitions() {
    catchUp();
    return deployments.latest();
  }

  /** Whether the engine already holds these resources, unchanged ({@link EngineDeployments}). */
  synchronized boolean holdsUnchanged(Map<String, byte[]> resources) {
    catchUp();
    return deployments.holdsUnchanged(resources);
  }

  /** The reason the engine rejected the command written at {@code position}, if it did. */
  synchronized Optional<String> rejectionOf(long position) {
    catchUp();
    return Optional.ofNullable(rejectionsBySourcePosition.get(position));
  }

  /** What the projection knows, as of the record at {@code position}: kept in a snapshot. */
  record Image(long position, byte[] content) {}

  /**
   * Catches up, then writes what the projection knows: its open tasks, instances and recent
   * rejections, with the position of the last record applied. {@link #restore} reads it back after
   * a restart, and the projection goes on from the record after that position.
   */
  synchronized Image image() {
    catchUp();
    var bytes = new ByteArrayOutputStream();
    try (var out = new DataOutputStream(new BufferedOutputStream(bytes))) {
      out.writeInt(IMAGE_FORMAT);
      out.writeLong(lastPosition);
      out.writeInt(openTasks.size());
      for (OpenUserTask task : openTasks.values()) {
        out.writeLong(task.userTaskKey());
        out.writeLong(task.processInstanceKey());
        out.writeLong(task.elementInstanceKey());
        writeString(out, task.bpmnProcessId());
        writeString(out, task.elementId());
        writeString(out, task.name());
        writeString(out, task.assignee());
        writeStrings(out, task.candidateGroups());
        writeStrings(out, task.candidateUsers());
        out.writeLong(task.formKey());
        out.writeLong(task.created().toEpochMilli());
      }
      out.writeInt(instances.size());
      for (Instance instance : instances.values()) {
        out.writeLong(instance.key);
        writeString(out, instance.bpmnProcessId);
        out.writeLong(instance.processDefinitionKey);
        writeStrings(out, List.copyOf(instance.passed));
        out.writeInt(instance.called.size());
        for (long called : instance.called) {
          out.writeLong(called);
        }
        out.writeByte(instance.status.ordinal());
        out.writeInt(instance.active.size());
        for (InstanceState.ActiveStep step : instance.active.values()) {
          out.writeLong(step.elementInstanceKey());
          writeString(out, step.elementId());
          writeString(out, step.type());
          out.writeLong(step.since().toEpochMilli());
        }
        out.writeInt(instance.incidents.size());
        for (InstanceState.Incident incident : instance.incidents.values()) {
          out.writeLong(incident.incidentKey());
          writeString(out, incident.elementId());
          out.writeLong(incident.jobKey());
          writeString(out, incident.errorType());
          writeString(out, incident.errorMessage());
          out.writeLong(incident.created().toEpochMilli());
        }
      }
      out.writeInt(rejectionsBySourcePosition.size());
      for (Map.Entry<Long, String> rejection : rejectionsBySourcePosition.entrySet()) {
        out.writeLong(rejection.getKey());
        writeString(out, rejection.getValue());
      }
      deployments.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Image(lastPosition, bytes.toByteArray());
  }

  /**
   * Replaces what the projection knows by an {@link #image()}; it then reads on from the record
   * after the image's position (records it had applied are not applied twice).
   */
  synchronized void restore(byte[] content) {
    try (var in = new DataInputStream(new ByteArrayInputStream(content))) {
      int format = in.readInt();
      if (format != IMAGE_FORMAT && format != 1) {
        throw new IOException("unknown projection image format " + format);
      }
      long position = in.readLong();
      Map<Long, OpenUserTask> tasks = new LinkedHashMap<>();
      for (int i = in.readInt(); i > 0; i--) {
        var task =
            new OpenUserTask(
                in.readLong(),
                in.readLong(),
                in.readLong(),
                readString(in),
                readString(in),
                readString(in),
                readString(in),
                readStrings(in),
                readStrings(in),
                in.readLong(),
                Instant.ofEpochMilli(in.readLong()));
        tasks.put(task.userTaskKey(), task);
      }
      Map<Long, Instance> restored = new HashMap<>();
      for (int i = in.readInt(); i > 0; i--) {
        var instance = new Instance(in.readLong(), readString(in), in.readLong());
        instance.passed.addAll(readStrings(in));
        for (int c = in.readInt(); c > 0; c--) {
          instance.called.add(in.readLong());
        }
        instance.status = InstanceState.Status.values()[in.readByte()];
        for (int a = in.readInt(); a > 0; a--) {
          var step =
              new InstanceState.ActiveStep(
                  in.readLong(),
                  readString(in),
                  readString(in),
                  Instant.ofEpochMilli(in.readLong()));
          instance.active.put(step.elementInstanceKey(), step);
        }
        for (int n = in.readInt(); n > 0; n--) {
          var incident =
              new InstanceState.Incident(
                  in.readLong(),
                  readString(in),
                  in.readLong(),
                  readString(in),
                  readString(in),
                  Instant.ofEpochMilli(in.readLong()));
          instance.incidents.put(incident.incidentKey(), incident);
        }
        restored.put(instance.key, instance);
      }
      Map<Long, String> rejections = new LinkedHashMap<>();
      for (int i = in.readInt(); i > 0; i--) {
        rejections.put(in.readLong(), readString(in));
      }
      // an image of format 1 knows no deployment: the next start-up deployment tells it
      var deployed = format >= 2 ? EngineDeployments.read(in) : new EngineDeployments();
      openTasks.clear();
      openTasks.putAll(tasks);
      instances.clear();
      instances.putAll(restored);
      rejectionsBySourcePosition.clear();
      rejectionsBySourcePosition.putAll(rejections);
      deployments.replaceBy(deployed);
      lastPosition = position;
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("The projection's image cannot be read: " + e, e);
    }
  }

  static void writeString(DataOutputStream out, String value) throws IOException {
    if (value == null) {
      out.writeInt(-1);
      return;
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  static String readString(DataInputStream in) throws IOException {
    int length = in.readInt();
    return length < 0 ? null : new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  private static void writeStrings(DataOutputStream out, List<String> values) throws IOException {
    out.writeInt(values.size());
    for (String value : values) {
      writeString(out, value);
    }
  }

  private static List<String> readStrings(DataInputStream in) throws IOException {
    int count = in.readInt();
    List<String> values = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      values.add(readString(in));
    }
    return values;
  }

  /**
   * Reads what the log holds now and returns the position of the last record read: the log may
   * forget everything up to it (-1 before the first record).
   */
  synchronized long catchUpNow() {
    catchUp();
    return lastPosition;
  }

  private void catchUp() {
    if (lastPosition < 0) {
      reader.seekToFirstEvent();
    } else {
      reader.seekToNextEvent(lastPosition);
    }
    while (reader.hasNext()) {
      LoggedEvent event = reader.next();
      lastPosition = event.getPosition();
      metadata.reset();
      event.readMetadata(metadata);
      if (metadata.getRecordType() == RecordType.EVENT) {
        apply(event, metadata.getValueType(), metadata.getIntent());
      } else if (metadata.getRecordType() == RecordType.COMMAND_REJECTION
          && metadata.getValueType() == ValueType.USER_TASK) {
        rememberRejection(event.getSourceEventPosition(), metadata.getRejectionReason());
      }
    }
  }

  private void apply(LoggedEvent event, ValueType valueType, Intent intent) {
    switch (valueType) {
      case USER_TASK -> applyUserTask(event, (UserTaskIntent) intent);
      case PROCESS_INSTANCE -> applyProcessInstance(event, (ProcessInstanceIntent) intent);
      case INCIDENT -> applyIncident(event, (IncidentIntent) intent);
      case VARIABLE -> applyVariable(event, (VariableIntent) intent);
      case DEPLOYMENT -> {
        if (intent == DeploymentIntent.CREATED) {
          deployment.reset();
          event.readValue(deployment);
          deployments.apply(deployment);
        }
      }
      default -> {}
    }
  }

  private void applyUserTask(LoggedEvent event, UserTaskIntent intent) {
    switch (intent) {
      case CREATED -> {
        userTask.reset();
        event.readValue(userTask);
        openTasks.put(
            event.getKey(),
            new OpenUserTask(
                event.getKey(),
                userTask.getProcessInstanceKey(),
                userTask.getElementInstanceKey(),
                userTask.getBpmnProcessId(),
                userTask.getElementId(),
                names.nameOf(userTask.getProcessDefinitionKey(), userTask.getElementId()),
                blankToNull(userTask.getAssignee()),
                userTask.getCandidateGroupsList(),
                userTask.getCandidateUsersList(),
                userTask.getFormKey(),
                Instant.ofEpochMilli(event.getTimestamp())));
      }
      case ASSIGNED, UPDATED -> {
        userTask.reset();
        event.readValue(userTask);
        openTasks.computeIfPresent(
            event.getKey(), (key, task) -> task.withAssignee(blankToNull(userTask.getAssignee())));
      }
      case COMPLETED, CANCELED -> openTasks.remove(event.getKey());
      default -> {}
    }
  }

  private void applyProcessInstance(LoggedEvent event, ProcessInstanceIntent intent) {
    if (intent != ProcessInstanceIntent.ELEMENT_ACTIVATED
        && intent != ProcessInstanceIntent.ELEMENT_COMPLETED
        && intent != ProcessInstanceIntent.ELEMENT_TERMINATED
        && intent != ProcessInstanceIntent.SEQUENCE_FLOW_TAKEN) {
      return;
    }
    processInstance.reset();
    event.readValue(processInstance);
    long instanceKey = processInstance.getProcessInstanceKey();
    Instant at = Instant.ofEpochMilli(event.getTimestamp());
    if (intent == ProcessInstanceIntent.SEQUENCE_FLOW_TAKEN) {
      Instance instance = instances.get(instanceKey);
      if (instance != null) {
        instance.passed.add(processInstance.getElementId());
      }
      return;
    }
    if (processInstance.getBpmnElementType() == BpmnElementType.PROCESS) {
      switch (intent) {
        case ELEMENT_ACTIVATED -> {
          instances.put(
              instanceKey,
              new Instance(
                  instanceKey,
                  processInstance.getBpmnProcessId(),
                  processInstance.getProcessDefinitionKey()));
          Instance parent = instances.get(processInstance.getParentProcessInstanceKey());
          if (parent != null) {
            parent.called.add(instanceKey);
          }
        }
        case ELEMENT_COMPLETED -> finish(instanceKey, InstanceState.Status.COMPLETED);
        default -> finish(instanceKey, InstanceState.Status.TERMINATED);
      }
      return;
    }
    Instance instance = instances.get(instanceKey);
    if (instance == null) {
      return;
    }
    if (intent == ProcessInstanceIntent.ELEMENT_ACTIVATED) {
      instance.active.put(
          event.getKey(),
          new InstanceState.ActiveStep(
              event.getKey(),
              processInstance.getElementId(),
              processInstance.getBpmnElementType().name(),
              at));
    } else {
      InstanceState.ActiveStep step = instance.active.remove(event.getKey());
      if (intent == ProcessInstanceIntent.ELEMENT_COMPLETED && step != null) {
        instance.passed.add(step.elementId());
      }
    }
  }

  private void finish(long instanceKey, InstanceState.Status status) {
    Instance instance = instances.get(instanceKey);
    if (instance != null) {
      instance.status = status;
      instance.active.clear();
      instance.incidents.clear();
    }
    variables.remove(instanceKey);
  }

  private void applyVariable(LoggedEvent event, VariableIntent intent) {
    if (intent != VariableIntent.CREATED && intent != VariableIntent.UPDATED) {
      return;
    }
    variable.reset();
    event.readValue(variable);
    String name = variable.getName();
    if (!formFields.test(name)) {
      return;
    }
    // a start's variables are written before the process element is activated: kept by instance
    // key, not on the Instance, and dropped when the instance ends
    Instance instance = instances.get(variable.getProcessInstanceKey());
    if (instance == null || instance.status == InstanceState.Status.ACTIVE) {
      variables
          .computeIfAbsent(variable.getProcessInstanceKey(), key -> new HashMap<>())
          .computeIfAbsent(variable.getScopeKey(), scope -> new HashMap<>())
          .put(name, variable.getValue());
    }
  }

  private void applyIncident(LoggedEvent event, IncidentIntent intent) {
    incident.reset();
    event.readValue(incident);
    Instance instance = instances.get(incident.getProcessInstanceKey());
    if (instance == null) {
      return;
    }
    if (intent == IncidentIntent.CREATED) {
      instance.incidents.put(
          event.getKey(),
          new InstanceState.Incident(
              event.getKey(),
              incident.getElementId(),
              incident.getJobKey(),
              incident.getErrorType().name(),
              incident.getErrorMessage(),
              Instant.ofEpochMilli(event.getTimestamp())));
    } else if (intent == IncidentIntent.RESOLVED) {
      instance.incidents.remove(event.getKey());
    }
  }

  private void rememberRejection(long sourcePosition, String reason) {
    rejectionsBySourcePosition.put(sourcePosition, reason);
    if (rejectionsBySourcePosition.size() > 1_000) {
      Long eldest = rejectionsBySourcePosition.keySet().iterator().next();
      rejectionsBySourcePosition.remove(eldest);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static final class Instance {
    private final long key;
    private final String bpmnProcessId;
    private final long processDefinitionKey;
    private final java.util.Set<String> passed = new java.util.LinkedHashSet<>();
    private final List<Long> called = new ArrayList<>();
    private InstanceState.Status status = InstanceState.Status.ACTIVE;
    private final Map<Long, InstanceState.ActiveStep> active = new LinkedHashMap<>();
    private final Map<Long, InstanceState.Incident> incidents = new LinkedHashMap<>();

    private Instance(long key, String bpmnProcessId, long processDefinitionKey) {
      this.key = key;
      this.bpmnProcessId = bpmnProcessId;
      this.processDefinitionKey = processDefinitionKey;
    }

    private InstanceTrail toTrail() {
      return new InstanceTrail(key, processDefinitionKey, bpmnProcessId, passed, called);
    }

    private InstanceState toState() {
      return new InstanceState(
          key,
          bpmnProcessId,
          status,
          new ArrayList<>(active.values()),
          new ArrayList<>(incidents.values()));
    }
  }
}
