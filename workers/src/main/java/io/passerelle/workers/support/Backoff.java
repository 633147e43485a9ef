package io.passerelle.workers.support;

import java.time.Duration;
import java.util.List;

/**
 * How long the engine waits before it offers a failed job again: 10 s, 30 s, 2 min, 10 min, then 30
 * min, growing as the retries run out (a job has 5 retries in the models). The starter's default
 * would retry at once, which turns a short outage of the database or the mail server into an
 * incident within seconds.
 */
public final class Backoff {

  private static final List<Duration> STEPS =
      List.of(
          Duration.ofSeconds(10),
          Duration.ofSeconds(30),
          Duration.ofMinutes(2),
          Duration.ofMinutes(10),
          Duration.ofMinutes(30));

  private Backoff() {}

  /**
   * The wait before the next attempt, given the retries left after this failure: 4 left (the first
   * failure of a job with 5 retries) → 10 s, 3 → 30 s, 2 → 2 min, 1 → 10 min, 0 → 30 min.
   */
  public static Duration forRetriesLeft(int retriesLeft) {
    int step = STEPS.size() - 1 - retriesLeft;
    return STEPS.get(Math.clamp(step, 0, STEPS.size() - 1));
  }
}
