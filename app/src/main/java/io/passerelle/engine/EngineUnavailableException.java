package io.passerelle.engine;

import io.passerelle.workers.support.RetryLater;
import java.time.Duration;

/**
 * The engine cannot take the request now: the cluster does not answer (down, unreachable, timed
 * out) or it pushes back (RESOURCE_EXHAUSTED, HTTP 429). Nothing was done; the same request may be
 * sent again after {@link #retryAfter()}.
 */
public class EngineUnavailableException extends EngineException implements RetryLater {

  private final Duration retryAfter;
  private final boolean busy;

  EngineUnavailableException(String message, boolean busy, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.busy = busy;
    this.retryAfter = retryAfter;
  }

  /** How long to wait before sending the request again. */
  @Override
  public Duration retryAfter() {
    return retryAfter;
  }

  /** True when the engine answered but refused more work for now (back-pressure). */
  public boolean busy() {
    return busy;
  }

  /** Back-pressure costs a job no retry; an engine that does not answer does (with backoff). */
  @Override
  public boolean costsNoRetry() {
    return busy;
  }
}
