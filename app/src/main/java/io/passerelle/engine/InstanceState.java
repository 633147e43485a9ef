package io.passerelle.engine;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

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

  /**
   * A technical failure an operator must resolve. Its message is what a person reads: the step's
   * sentence (what failed, why, what to do), never a stack trace — a job failed by another client
   * than Passerelle's workers, or before they wrote their messages without one, may have carried a
   * whole stack: only its first line is kept.
   */
  public record Incident(
      long incidentKey,
      String elementId,
      long jobKey,
      String errorType,
      String errorMessage,
      Instant created) {
    /** How a printed stack trace starts: the exception's class name, "a.b.JobError: ". */
    private static final Pattern EXCEPTION_PREFIX =
        Pattern.compile("^(?:[a-z][\\w$]*\\.)+[A-Z][\\w$]*: ");

    public Incident {
      errorMessage = readable(errorMessage);
    }

    static String readable(String message) {
      if (message == null) {
        return null;
      }
      String first = message.strip().lines().findFirst().orElse("");
      return EXCEPTION_PREFIX.matcher(first).replaceFirst("");
    }
  }

  public boolean isWaitingIn(String elementId) {
    return activeSteps.stream().anyMatch(step -> step.elementId().equals(elementId));
  }

  public List<String> activeElementIds() {
    return activeSteps.stream().map(ActiveStep::elementId).toList();
  }
}
