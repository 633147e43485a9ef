package io.passerelle.web;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sliding-window counters in PostgreSQL, shared by every Passerelle instance on the database: at
 * most {@code limit} events per key within {@code window}. One instance per use (the client
 * portal's {@code PortalRateLimits}, the staff sign-in's {@code StaffSignInLimits}), each with a
 * name of its own (table {@code rate_limit}, keyed by name and key).
 *
 * <p>A row keeps the times of the key's events still inside the window, at most {@code limit} of
 * them. Counting is one statement, an upsert: the row is locked for the statement, its expired
 * events dropped, and the new one appended only while fewer than {@code limit} remain; two
 * instances counting the same key at once therefore never both take the last place. A refused
 * attempt is not counted (the wait does not grow). Expired rows are purged now and then ({@link
 * #purge}).
 */
public final class RateLimiter {

  /** The answer: allowed, or refused until {@code retryAfter} has passed. */
  public record Decision(boolean allowed, Duration retryAfter) {

    public static final Decision ALLOWED = new Decision(true, Duration.ZERO);

    /** Whole seconds for a Retry-After header, at least 1. */
    public long retryAfterSeconds() {
      long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
      return Math.max(1, seconds);
    }
  }

  /**
   * Appends {@code now} when fewer than {@code limit} events are left after dropping those at or
   * before the horizon; returns a row only when it counted.
   */
  private static final String COUNT =
      """
      insert into rate_limit as r (limiter, key, events, expires_at)
      values (?, ?, array[?::timestamptz], ?)
      on conflict (limiter, key) do update
        set events = array(select e from unnest(r.events) e where e > ? order by e)
                     || excluded.events,
            expires_at = excluded.expires_at
        where (select count(*) from unnest(r.events) e where e > ?) < ?
      returning true
      """;

  /** The events of the key still inside the window, oldest first. */
  private static final String LIVE =
      """
      select array(select e from unnest(events) e where e > ? order by e)
      from rate_limit where limiter = ? and key = ?
      """;

  private final String name;
  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final TransactionTemplate transaction;

  public RateLimiter(
      String name, JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock) {
    this.name = name;
    this.jdbc = jdbc;
    this.clock = clock;
    this.transaction = new TransactionTemplate(transactions);
  }

  /** Counts one event for the key if it fits in the window; otherwise says when to come back. */
  public Decision acquire(String key, int limit, Duration window) {
    Instant now = clock.instant();
    Timestamp horizon = Timestamp.from(now.minus(window));
    List<Boolean> counted =
        jdbc.queryForList(
            COUNT,
            Boolean.class,
            name,
            key,
            Timestamp.from(now),
            Timestamp.from(now.plus(window)),
            horizon,
            horizon,
            limit);
    return counted.isEmpty() ? refusal(key, limit, window, now) : Decision.ALLOWED;
  }

  /**
   * Counts one event for each of two keys, or for neither: both must allow (the second is not
   * counted when the first refuses, the first is taken back when the second refuses). In one
   * transaction, the first key's row locked until both are decided: callers always pass their keys
   * in the same order (the address, then what was typed), so two requests never wait on each other
   * in a cycle.
   *
   * @return the refusal that lasts longer when the first refuses, else the second's answer
   */
  public Decision acquireBoth(
      String first, int firstLimit, String second, int secondLimit, Duration window) {
    return transaction.execute(
        status -> {
          Decision a = acquire(first, firstLimit, window);
          if (!a.allowed()) {
            Decision b = check(second, secondLimit, window);
            return b.allowed() || a.retryAfter().compareTo(b.retryAfter()) >= 0 ? a : b;
          }
          Decision b = acquire(second, secondLimit, window);
          if (!b.allowed()) {
            status.setRollbackOnly();
          }
          return b;
        });
  }

  /** Whether one more event would fit, without counting it. */
  public Decision check(String key, int limit, Duration window) {
    Instant now = clock.instant();
    List<Instant> live = live(key, now.minus(window));
    return live.size() < limit ? Decision.ALLOWED : wait(live, limit, window, now);
  }

  /** Counts one event for the key (e.g. a failed sign-in); at the limit, nothing more is kept. */
  public void record(String key, int limit, Duration window) {
    acquire(key, limit, window);
  }

  /** Forgets every key of this limiter (tests, and a clean slate after a configuration change). */
  public void clear() {
    jdbc.update("delete from rate_limit where limiter = ?", name);
  }

  /** Deletes the rows whose every event has left its window; returns how many. */
  public static int purge(JdbcTemplate jdbc) {
    return jdbc.update("delete from rate_limit where expires_at < now()");
  }

  private Decision refusal(String key, int limit, Duration window, Instant now) {
    List<Instant> live = live(key, now.minus(window));
    // freed meanwhile (another instance's events expired between the two statements): come back
    // at once rather than count twice
    return live.size() < limit
        ? new Decision(false, Duration.ZERO)
        : wait(live, limit, window, now);
  }

  /** Refused until the event that makes room leaves the window. */
  private static Decision wait(List<Instant> live, int limit, Duration window, Instant now) {
    Duration wait = Duration.between(now, live.get(live.size() - limit).plus(window));
    return new Decision(false, wait.isNegative() ? Duration.ZERO : wait);
  }

  private List<Instant> live(String key, Instant horizon) {
    List<List<Instant>> rows =
        jdbc.query(LIVE, (rs, i) -> instants(rs.getArray(1)), Timestamp.from(horizon), name, key);
    return rows.isEmpty() ? List.of() : rows.getFirst();
  }

  private static List<Instant> instants(Array array) throws SQLException {
    if (array == null) {
      return List.of();
    }
    try {
      return Arrays.stream((Object[]) array.getArray())
          .map(o -> ((Timestamp) o).toInstant())
          .toList();
    } finally {
      array.free();
    }
  }
}
