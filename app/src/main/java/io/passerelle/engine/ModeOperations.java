package io.passerelle.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What differs between the modes: user-task commands and queries, and where the deployed models are
 * read from. Commands common to both go through the client in {@link ProcessEngine} itself.
 */
interface ModeOperations {

  /** The open user tasks the query asks for (filtered by the engine, every page). */
  List<OpenUserTask> openUserTasks(UserTaskQuery query);

  Optional<OpenUserTask> openUserTask(long userTaskKey);

  void assignUserTask(long userTaskKey, String assignee);

  void completeUserTask(long userTaskKey, Map<String, Object> variables);

  /** The schema of the form linked to the task (the JSON Tasklist renders), when it has one. */
  Optional<String> userTaskForm(long userTaskKey);

  /** The variables the task sees, to prefill its form as Tasklist does. */
  Map<String, Object> userTaskVariables(long userTaskKey);

  /** The BPMN XML of a deployed process definition (any version). */
  Optional<String> processDefinitionXml(long processDefinitionKey);

  /** The latest deployed version of a process, whoever deployed it. */
  Optional<LatestDefinition> latestDefinition(String bpmnProcessId);

  Optional<InstanceState> instanceState(long processInstanceKey);

  /**
   * When the engine already holds every one of these resources, unchanged, as its latest version:
   * what it holds (to know the deployed models without deploying them again). Empty otherwise, and
   * always in remote mode (there the deployment record decides, see {@code ProcessDeployer}).
   *
   * @param resources resource name → content
   */
  default Optional<List<EngineDeployments.Definition>> heldUnchanged(
      Map<String, byte[]> resources) {
    return Optional.empty();
  }

  Optional<InstanceTrail> instanceTrail(long processInstanceKey);

  /**
   * Waits, at most {@code within}, until the engine takes new work without pushing back; true when
   * it does. Only the embedded engine knows its backlog without asking (two volatile reads); a
   * cluster's back-pressure is known by its answer, so remote mode says yes at once.
   */
  default boolean awaitCapacity(java.time.Duration within) {
    return true;
  }

  /**
   * The status of each of these instances the engine knows; a key missing from the answer is an
   * instance the engine does not know (the embedded projection: in memory; a cluster: a search by
   * keys, a bounded number of keys a request).
   */
  Map<Long, InstanceState.Status> instanceStatuses(java.util.Collection<Long> processInstanceKeys);

  /** Every open incident of every instance. */
  List<OpenIncident> openIncidents();

  /** The latest version of a process definition, with its XML. */
  record LatestDefinition(
      String bpmnProcessId, int version, long processDefinitionKey, String xml) {}
}
