package io.passerelle.support;

import static org.awaitility.Awaitility.await;

import io.passerelle.engine.EmbeddedZeebeEngine;
import io.passerelle.workers.support.Backoff;
import java.time.Duration;

/**
 * Lets the registry lookup job of a dossier request use all its attempts against a registry that
 * keeps failing, moving the engine clock over the workers' backoff between them (10 s, 30 s, 2 min,
 * 10 min: {@link Backoff}).
 *
 * <p>The registry counts an attempt's calls before the worker has failed the job, and the engine
 * computes the retry's time from its clock when it processes the failure: a clock moved before that
 * would put the retry a whole backoff after the new time. So while the next attempt has not come,
 * the clock is moved past the backoff again (the process has no timer that this could fire).
 */
public final class LookupAttempts {

  /** The models give every job 5 retries. */
  public static final int ATTEMPTS = 5;

  /** Each attempt of the lookup worker makes two HTTP calls (the client's own retry). */
  public static final int CALLS_PER_ATTEMPT = 2;

  private LookupAttempts() {}

  /**
   * Waits for each attempt's calls (a SIRET the registry has not seen before), runs {@code
   * beforeRetry} after each attempt but the last, then lets the next attempt come.
   */
  public static void useAll(
      FakeCompanyRegistry registry,
      EmbeddedZeebeEngine engine,
      String siret,
      Duration patience,
      Runnable beforeRetry) {
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      int calls = CALLS_PER_ATTEMPT * attempt;
      Duration backoff =
          attempt == 1 ? null : Backoff.forRetriesLeft(ATTEMPTS - (attempt - 1)).plusSeconds(1);
      await()
          .alias("attempt " + attempt + " of the lookup")
          .atMost(patience)
          .pollInterval(Duration.ofMillis(250))
          .until(
              () -> {
                if (registry.calls(siret) >= calls) {
                  return true;
                }
                if (backoff != null) {
                  engine.advance(backoff);
                }
                return false;
              });
      if (attempt < ATTEMPTS) {
        beforeRetry.run();
      }
    }
  }
}
