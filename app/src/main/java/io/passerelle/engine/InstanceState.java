package io.passerelle.engine;

import java.time.Instant;
import java.util.List;

/**
 * Where a process instance stands: its status, the steps it waits in, the incidents that hold it.
 */
public record InstanceState(
    long processInstanceKey,
    String bpmnProcessId,
    Status status,
    List<ActiveStep> activeSteps,
    List<Incident> incidents) {

  public InstanceState {
    activeSteps = List.copyOf(activeSteps);
    incidents = List.copyOf(incidents);
  }

  public enum Status {
    ACTIVE,
    COMPLETED,
    TERMINATED
  }

  /** An element the instance is in right now (a task, an event it waits for, a sub-process). */
  public record ActiveStep(long elementInstanceKey, String elementId, String type, Instant since) {}

  /** A technical failure an operator must resolve. */
  public record Incident(
      long incidentKey,
      String elementId,
      long jobKey,
      String errorType,
      String errorMessage,
      Instant created) {}

  public boolean isWaitingIn(String elementId) {
    return activeSteps.stream().anyMatch(step -> step.elementId().equals(elementId));
  }

  public List<String> activeElementIds() {
    return activeSteps.stream().map(ActiveStep::elementId).toList();
  }
}
