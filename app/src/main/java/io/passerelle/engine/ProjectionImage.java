package io.passerelle.engine;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary image of the projection's state ({@link EngineRecordProjection#image()}), kept in each
 * engine snapshot: the position of the last record applied, the open tasks, the instances with
 * their steps and incidents, the recent rejections and (format 2) the deployed definitions. Not the
 * form-field variables.
 */
final class ProjectionImage {

  /** 2: with the deployments at the end; 1 (before) is still read, without them. */
  static final int FORMAT = 2;

  private ProjectionImage() {}

  /** The state read back, and the position of the last record it reflects. */
  record Restored(long position, ProjectionState state) {}

  static byte[] write(long position, ProjectionState state) {
    var bytes = new ByteArrayOutputStream();
    try (var out = new DataOutputStream(new BufferedOutputStream(bytes))) {
      out.writeInt(FORMAT);
      out.writeLong(position);
      out.writeInt(state.openTasks.size());
      for (OpenUserTask task : state.openTasks.values()) {
        writeTask(out, task);
      }
      out.writeInt(state.instances.size());
      for (ProjectedInstance instance : state.instances.values()) {
        writeInstance(out, instance);
      }
      out.writeInt(state.rejectionsBySourcePosition.size());
      for (Map.Entry<Long, String> rejection : state.rejectionsBySourcePosition.entrySet()) {
        out.writeLong(rejection.getKey());
        writeString(out, rejection.getValue());
      }
      state.deployments.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Reads an image back.
   *
   * @throws IllegalStateException when it cannot be read (another format, truncated)
   */
  static Restored read(byte[] content) {
    try (var in = new DataInputStream(new ByteArrayInputStream(content))) {
      int format = in.readInt();
      if (format != FORMAT && format != 1) {
        throw new IOException("unknown projection image format " + format);
      }
      long position = in.readLong();
      List<OpenUserTask> tasks = new ArrayList<>();
      for (int i = in.readInt(); i > 0; i--) {
        tasks.add(readTask(in));
      }
      List<ProjectedInstance> instances = new ArrayList<>();
      for (int i = in.readInt(); i > 0; i--) {
        instances.add(readInstance(in));
      }
      Map<Long, String> rejections = new LinkedHashMap<>();
      for (int i = in.readInt(); i > 0; i--) {
        rejections.put(in.readLong(), readString(in));
      }
      // an image of format 1 knows no deployment: the next start-up deployment tells it
      var state =
          new ProjectionState(format >= 2 ? EngineDeployments.read(in) : new EngineDeployments());
      tasks.forEach(task -> state.openTasks.put(task.userTaskKey(), task));
      instances.forEach(instance -> state.instances.put(instance.key, instance));
      state.rejectionsBySourcePosition.putAll(rejections);
      return new Restored(position, state);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("The projection's image cannot be read: " + e, e);
    }
  }

  private static void writeTask(DataOutputStream out, OpenUserTask task) throws IOException {
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

  private static OpenUserTask readTask(DataInputStream in) throws IOException {
    return new OpenUserTask(
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
  }

  private static void writeInstance(DataOutputStream out, ProjectedInstance instance)
      throws IOException {
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

  private static ProjectedInstance readInstance(DataInputStream in) throws IOException {
    var instance = new ProjectedInstance(in.readLong(), readString(in), in.readLong());
    instance.passed.addAll(readStrings(in));
    for (int c = in.readInt(); c > 0; c--) {
      instance.called.add(in.readLong());
    }
    instance.status = InstanceState.Status.values()[in.readByte()];
    for (int a = in.readInt(); a > 0; a--) {
      var step =
          new InstanceState.ActiveStep(
              in.readLong(), readString(in), readString(in), Instant.ofEpochMilli(in.readLong()));
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
    return instance;
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
}
