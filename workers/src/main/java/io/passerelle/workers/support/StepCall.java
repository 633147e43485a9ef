package io.passerelle.workers.support;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.CamundaError;
import io.camunda.client.exception.JobError;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one port method for a job and translates its failure for the engine: a {@link
 * BusinessRuleException} becomes a BPMN error with its code (the model catches it), a {@link
 * CamundaError} passes as it is, and anything else fails the job with one retry less and a growing
 * {@link Backoff} (or the remote service's own wait, {@link PacedFailure}); when no retry is left
 * the engine raises an incident carrying the message, which says what failed and what to do. A
 * refusal that costs no retry ({@link RetryLater}: the engine pushing back) fails the job with its
 * retries unchanged, offered again after the refusal's wait.
 *
 * <p>The failure's stack trace goes to the log, never to the engine: the Spring client writes a job
 * error's whole stack trace as the job's error message, which became the incident's message in
 * Operate, on the instance page and in the API ("at io.camunda.client.exception..."). A {@link
 * StepFailure} has no stack and prints as its message alone.
 */
public final class StepCall {

  private static final Logger LOG = LoggerFactory.getLogger(StepCall.class);

  private StepCall() {}

  /** Calls a step that returns the job's new variables. */
  public static <T> T call(ActivatedJob job, String what, Supplier<T> step) {
    try {
      return step.get();
    } catch (BusinessRuleException e) {
      throw e.getVariables() == null
          ? CamundaError.bpmnError(e.getCode(), e.getMessage())
          : CamundaError.bpmnError(e.getCode(), e.getMessage(), e.getVariables());
    } catch (CamundaError e) {
      throw e;
    } catch (RuntimeException e) {
      RetryLater refusal = refusal(e);
      if (refusal != null) {
        // refused, not failed: the same retries, offered again once the engine has caught up
        String message =
            what + " was refused for now (" + e.getMessage() + "). It will be tried again.";
        LOG.info(
            "Job {} ({}) of instance {}: {}",
            job.getKey(),
            job.getType(),
            job.getProcessInstanceKey(),
            message);
        throw new StepFailure(message, job.getRetries(), refusal.retryAfter());
      }
      PacedFailure paced = paced(e);
      int retriesLeft =
          paced != null && paced.needsAPerson() ? 0 : Math.max(job.getRetries() - 1, 0);
      Duration backoff =
          paced != null && !paced.needsAPerson() && paced.retryAfter() != null
              ? paced.retryAfter()
              : Backoff.forRetriesLeft(retriesLeft);
      String message = failureMessage(what, e, retriesLeft);
      LOG.warn(
          "Job {} ({}) of instance {}: {}",
          job.getKey(),
          job.getType(),
          job.getProcessInstanceKey(),
          message,
          e);
      throw new StepFailure(message, retriesLeft, backoff);
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

  private static RetryLater refusal(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof RetryLater refusal && refusal.costsNoRetry()) {
        return refusal;
      }
    }
    return null;
  }

  /** A failure that says how long to wait (Retry-After) or that a person must act first. */
  private static PacedFailure paced(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof PacedFailure paced) {
        return paced;
      }
    }
    return null;
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

  /**
   * A failed attempt as the engine must see it: the message, the retries left and the backoff,
   * without a stack trace or a cause (those are in the log), so that the message the client writes
   * for it is the sentence alone.
   */
  static final class StepFailure extends JobError {

    StepFailure(String message, int retriesLeft, Duration backoff) {
      super(message, null, retriesLeft, backoff, null);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }

    @Override
    public String toString() {
      return getErrorMessage();
    }
  }
}
