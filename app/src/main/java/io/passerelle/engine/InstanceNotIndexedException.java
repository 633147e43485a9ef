package io.passerelle.engine;

import java.time.Duration;

/**
 * A cluster's search API does not know the instance (yet): it is filled from the engine's records a
 * moment after they are written, so an instance started a second ago answers 404 there for a while.
 * The page says so and asks to try again instead of saying "not found".
 */
public class InstanceNotIndexedException extends UnknownInstanceException {

  /** How long a cluster usually takes to index a new record. */
  public static final Duration RETRY_AFTER = Duration.ofSeconds(2);

  public InstanceNotIndexedException(String message) {
    super(message);
  }
}
