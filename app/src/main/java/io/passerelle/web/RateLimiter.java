package io.passerelle.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sliding-window counters in memory: at most {@code limit} events per key within {@code window}.
 * One instance per use (the client portal's {@code PortalRateLimits}, the staff sign-in's {@link
 * StaffSignInLimits}). The limits are per node: behind several nodes each counts its own, which
 * multiplies the limit by the number of nodes — acceptable for abuse protection until the counters
 * move to the database.
 *
 * <p>Memory is bounded: each key keeps at most {@code limit} timestamps, keys whose events all lie
 * outside the window are purged now and then, and past {@link #MAX_KEYS} live keys new keys are
 * refused (fail closed, logged) until old ones expire.
 */
public final class RateLimiter {

  private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);
  static final int MAX_KEYS = 200_000;
  private static final int PURGE_EVERY = 1_000;

  /** The answer: allowed, or refused until {@code retryAfter} has passed. */
  public record Decision(boolean allowed, Duration retryAfter) {

    public static final Decision ALLOWED = new Decision(true, Duration.ZERO);

    /** Whole seconds for a Retry-After header, at least 1. */
    public long retryAfterSeconds() {
      long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
      return Math.max(1, seconds);
    }
  }

  private final Map<String, ArrayDeque<Instant>> events = new ConcurrentHashMap<>();
  private final AtomicInteger calls = new AtomicInteger();
  private final Clock clock;

  public RateLimiter(Clock clock) {
    this.clock = clock;
  }

  /** Counts one event for the key if it fits in the window; otherwise says when to come back. */
  public Decision acquire(String key, int limit, Duration window) {
    return decide(key, limit, window, true);
  }

  /** Whether one more event would fit, without counting it. */
  public Decision check(String key, int limit, Duration window) {
    return decide(key, limit, window, false);
  }

  /** Counts one event for the key, even past the limit (e.g. a failed sign-in). */
  public void record(String key, int limit, Duration window) {
    decide(key, limit, window, true);
  }

  /** Forgets every key (tests, and a clean slate after a configuration change). */
  public void clear() {
    events.clear();
  }

  private Decision decide(String key, int limit, Duration window, boolean count) {
    Instant now = clock.instant();
    if (calls.incrementAndGet() % PURGE_EVERY == 0) {
      purge(now, window);
    }
    ArrayDeque<Instant> times = events.get(key);
    if (times == null) {
      if (events.size() >= MAX_KEYS) {
        purge(now, window);
        if (events.size() >= MAX_KEYS) {
          LOG.warn("Rate limiter full ({} keys): refusing new callers for now", events.size());
          return new Decision(false, window);
        }
      }
      times = events.computeIfAbsent(key, k -> new ArrayDeque<>());
    }
    synchronized (times) {
      Instant horizon = now.minus(window);
      while (!times.isEmpty() && !times.peekFirst().isAfter(horizon)) {
        times.pollFirst();
      }
      if (times.size() >= limit) {
        // a refused attempt is not counted: the wait does not grow, the deque stays bounded
        Duration wait = Duration.between(now, times.peekFirst().plus(window));
        return new Decision(false, wait.isNegative() ? Duration.ZERO : wait);
      }
      if (count) {
        times.addLast(now);
      }
      return Decision.ALLOWED;
    }
  }

  private void purge(Instant now, Duration window) {
    Instant horizon = now.minus(window);
    for (Iterator<Map.Entry<String, ArrayDeque<Instant>>> it = events.entrySet().iterator();
        it.hasNext(); ) {
      var entry = it.next();
      synchronized (entry.getValue()) {
        Instant last = entry.getValue().peekLast();
        if (last == null || !last.isAfter(horizon)) {
          it.remove();
        }
      }
    }
  }
}
