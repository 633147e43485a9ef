package io.passerelle.workers.support;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.CamundaError;
import java.util.function.Supplier;

/**
 * Runs one port method for a job and translates its failure for the engine: a {@link
 * BusinessRuleException} becomes a BPMN error with its code (the model catches it), a {@link
 * CamundaError} passes as it is, and anything else fails the job with one retry less and a growing
 * {@link Backoff}; when no retry is left the engine raises an incident carrying the message, which
 * says what failed and what to do.
 */
public final class StepCall {

  private StepCall() {}

  /** Calls a step that returns the job's new variables. */
  public static <T> T call(ActivatedJob job, String what, Supplier<T> step) {
    try {
      return step.get();
    } catch (BusinessRuleException e) {
      throw CamundaError.bpmnError(e.getCode(), e.getMessage());
    } catch (CamundaError e) {
      throw e;
    } catch (RuntimeException e) {
      int retriesLeft = Math.max(job.getRetries() - 1, 0);
      throw CamundaError.jobError(
          failureMessage(what, e, retriesLeft),
          null,
          retriesLeft,
          Backoff.forRetriesLeft(retriesLeft),
          e);
    }
  }

  /** Calls a step that returns no variable. */
  public static void run(ActivatedJob job, String what, Runnable step) {
    call(
        job,
        what,
        () -> {
          step.run();
          return null;
        });
  }

  static String failureMessage(String what, RuntimeException e, int retriesLeft) {
    String fix =
        retriesLeft > 0
            ? "It will be retried (" + retriesLeft + " retries left)."
            : "No retry left: fix the cause (database, mail server, configuration), then set the"
                + " job's retries again and resolve this incident (Operate, or Passerelle's"
                + " instance page).";
    return what
        + " failed: "
        + e.getClass().getSimpleName()
        + (e.getMessage() == null ? "" : ": " + e.getMessage())
        + ". "
        + fix;
  }
}
