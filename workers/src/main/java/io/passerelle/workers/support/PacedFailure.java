package io.passerelle.workers.support;

import java.time.Duration;

/**
 * A technical failure of a remote service that says how the engine should try again: after the
 * service's own wait (an HTTP 429 or 503 with Retry-After), one retry less each time, then an
 * incident; or not before a person has fixed something ({@link #needsAPerson()}: credentials
 * refused), so the job gets no retry left and one incident carrying the message, at once. {@link
 * StepCall} reads it anywhere in the cause chain.
 */
public interface PacedFailure {

  /** The wait the remote service asked for (its Retry-After); null = the usual {@link Backoff}. */
  Duration retryAfter();

  /** True when retrying cannot help until a person acts: no retry left, an incident now. */
  default boolean needsAPerson() {
    return false;
  }
}
