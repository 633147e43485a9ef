package io.passerelle.engine;

import io.camunda.zeebe.logstreams.log.LogStreamReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The embedded mode's answer to Camunda's search API: a projection of the in-memory engine's record
 * stream, read incrementally from the last position seen.
 *
 * <p>It survives a restart: its {@link #image()} is kept in each engine snapshot with the position
 * of the last record it applied, and the log is kept from there; after a restart it is {@link
 * #restore restored} and reads on from the record after that position.
 *
 * <p>It keeps only what the queries need ({@link ProjectionState}): open user tasks, and per
 * process instance its status, active steps and open incidents, and the variables named like a
 * field of a deployed form (to prefill a task's form as Tasklist does; only those, to keep the
 * projection small), and the latest version of each deployed definition ({@link
 * EngineDeployments}). Every query first catches up with the log ({@link ProjectionRecords} applies
 * each record), so a query made after a command has been processed sees its effect. The image's
 * format is {@link ProjectionImage}'s.
 */
final class EngineRecordProjection {

  private final LogStreamReader reader;
  private final ProjectionState state = new ProjectionState();
  private final ProjectionRecords records;
  private long lastPosition = -1;

  /** Resolves an element's business name from its process definition. */
  interface ElementNames {
    String nameOf(long processDefinitionKey, String elementId);
  }

  EngineRecordProjection(LogStreamReader reader, ElementNames names) {
    this(reader, names, name -> false);
  }

  EngineRecordProjection(LogStreamReader reader, ElementNames names, Predicate<String> formFields) {
    this.reader = reader;
    this.records = new ProjectionRecords(state, names, formFields);
  }

  /**
   * The form-field variables an open task sees (JSON values): its instance's, overridden by its own
   * element's local ones.
   */
  synchronized Map<String, String> userTaskVariables(long userTaskKey) {
    catchUp();
    OpenUserTask task = state.openTasks.get(userTaskKey);
    var scopes = task == null ? null : state.variables.get(task.processInstanceKey());
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
    return List.copyOf(state.openTasks.values());
  }

  synchronized Optional<OpenUserTask> openUserTask(long userTaskKey) {
    catchUp();
    return Optional.ofNullable(state.openTasks.get(userTaskKey));
  }

  synchronized Optional<InstanceState> instanceState(long processInstanceKey) {
    catchUp();
    return Optional.ofNullable(state.instances.get(processInstanceKey))
        .map(ProjectedInstance::toState);
  }

  synchronized Optional<InstanceTrail> instanceTrail(long processInstanceKey) {
    catchUp();
    return Optional.ofNullable(state.instances.get(processInstanceKey))
        .map(ProjectedInstance::toTrail);
  }

  /** The status of each instance the projection knows among these keys (one pass, in memory). */
  synchronized Map<Long, InstanceState.Status> instanceStatuses(
      Collection<Long> processInstanceKeys) {
    catchUp();
    Map<Long, InstanceState.Status> statuses = new HashMap<>();
    for (Long key : processInstanceKeys) {
      ProjectedInstance instance = key == null ? null : state.instances.get(key);
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
    for (ProjectedInstance instance : state.instances.values()) {
      open.addAll(instance.openIncidents());
    }
    open.sort(
        Comparator.comparing(OpenIncident::created).thenComparingLong(OpenIncident::incidentKey));
    return open;
  }

  /**
   * The latest version of every definition deployed to the engine, as far as the projection has
   * read (it reads the log to its end first).
   */
  synchronized List<EngineDeployments.Definition> deployedDefinitions() {
    catchUp();
    return state.deployments.latest();
  }

  /** Whether the engine already holds these resources, unchanged ({@link EngineDeployments}). */
  synchronized boolean holdsUnchanged(Map<String, byte[]> resources) {
    catchUp();
    return state.deployments.holdsUnchanged(resources);
  }

  /** The reason the engine rejected the command written at {@code position}, if it did. */
  synchronized Optional<String> rejectionOf(long position) {
    catchUp();
    return Optional.ofNullable(state.rejectionsBySourcePosition.get(position));
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
    return new Image(lastPosition, ProjectionImage.write(lastPosition, state));
  }

  /**
   * Replaces what the projection knows by an {@link #image()}; it then reads on from the record
   * after the image's position (records it had applied are not applied twice).
   */
  synchronized void restore(byte[] content) {
    ProjectionImage.Restored restored = ProjectionImage.read(content);
    state.replaceBy(restored.state());
    lastPosition = restored.position();
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
      var event = reader.next();
      lastPosition = event.getPosition();
      records.apply(event);
    }
  }
}
