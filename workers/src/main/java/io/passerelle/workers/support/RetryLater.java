package io.passerelle.workers.support;

import java.time.Duration;

/**
 * A failure that says the step was refused, not that it went wrong: nothing was done, and the same
 * call will pass once the cause is gone (the process engine pushing back while it works through a
 * backlog). A job whose step fails so is offered again after {@link #retryAfter()} and keeps its
 * retries ({@link StepCall}): a burst must not turn into incidents.
 */
public interface RetryLater {

  /** How long to wait before trying again. */
  Duration retryAfter();

  /** True when the refusal costs the job no retry (back-pressure); false for a real failure. */
  boolean costsNoRetry();
}
