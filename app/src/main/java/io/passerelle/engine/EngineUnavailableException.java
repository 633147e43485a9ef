package io.passerelle.engine;

import java.time.Duration;

/**
 * The engine cannot take the request now: the cluster does not answer (down, unreachable, timed
 * out) or it pushes back (RESOURCE_EXHAUSTED, HTTP 429). Nothing was done; the same request may be
 * sent again after {@link #retryAfter()}.
 */
public class EngineUnavailableException extends EngineException {

  private final Duration retryAfter;
  private final boolean busy;

  EngineUnavailableException(String message, boolean busy, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.busy = busy;
    this.retryAfter = retryAfter;
  }

  /** How long to wait before sending the request again. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** True when the engine answered but refused more work for now (back-pressure). */
  public boolean busy() {
    return busy;
  }
}
