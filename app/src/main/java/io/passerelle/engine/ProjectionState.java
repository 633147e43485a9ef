package io.passerelle.engine;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the projection ({@link EngineRecordProjection}) knows: open user tasks, instances, recent
 * rejections, form-field variables and the deployed definitions. Guarded by the projection's lock.
 */
final class ProjectionState {

  private static final int REJECTIONS_KEPT = 1_000;

  final Map<Long, OpenUserTask> openTasks = new LinkedHashMap<>();
  final Map<Long, ProjectedInstance> instances = new HashMap<>();
  final Map<Long, String> rejectionsBySourcePosition = new LinkedHashMap<>();

  /** Process instance → scope → form-field variable → JSON value (not kept in the image). */
  final Map<Long, Map<Long, Map<String, String>>> variables = new HashMap<>();

  final EngineDeployments deployments;

  ProjectionState() {
    this(new EngineDeployments());
  }

  ProjectionState(EngineDeployments deployments) {
    this.deployments = deployments;
  }

  /**
   * Takes what an image holds: tasks, instances, rejections and deployments (not the variables).
   */
  void replaceBy(ProjectionState restored) {
    openTasks.clear();
    openTasks.putAll(restored.openTasks);
    instances.clear();
    instances.putAll(restored.instances);
    rejectionsBySourcePosition.clear();
    rejectionsBySourcePosition.putAll(restored.rejectionsBySourcePosition);
    deployments.replaceBy(restored.deployments);
  }

  void rememberRejection(long sourcePosition, String reason) {
    rejectionsBySourcePosition.put(sourcePosition, reason);
    if (rejectionsBySourcePosition.size() > REJECTIONS_KEPT) {
      Long eldest = rejectionsBySourcePosition.keySet().iterator().next();
      rejectionsBySourcePosition.remove(eldest);
    }
  }

  /** An instance ended: no active step, no incident, no variables left. */
  void finish(long instanceKey, InstanceState.Status status) {
    ProjectedInstance instance = instances.get(instanceKey);
    if (instance != null) {
      instance.status = status;
      instance.active.clear();
      instance.incidents.clear();
    }
    variables.remove(instanceKey);
  }
}
