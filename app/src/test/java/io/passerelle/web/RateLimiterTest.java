package io.passerelle.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.passerelle.support.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The sliding window of the rate limits, on a clock the test moves, in a database of its own
 * (migrated by Flyway as the application would): the counters are PostgreSQL rows.
 */
class RateLimiterTest {

  static final Duration WINDOW = Duration.ofMinutes(15);

  private static String database;
  private static JdbcTemplate jdbc;
  private static DataSourceTransactionManager transactions;
  private static int names;

  @BeforeAll
  static void database() {
    database = TestDatabases.newName("passerelle_ratelimit");
    TestDatabases.create(database);
    var dataSource =
        new DriverManagerDataSource(TestDatabases.url(database), TestDatabases.user(), "");
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    jdbc = new JdbcTemplate(dataSource);
    transactions = new DataSourceTransactionManager(dataSource);
  }

  @AfterAll
  static void drop() {
    TestDatabases.drop(database);
  }

  /** A limiter of its own per test: the tests share the database. */
  private static RateLimiter limiter(Clock clock) {
    return new RateLimiter("test-" + names++, jdbc, transactions, clock);
  }

  static final class MovableClock extends Clock {
    Instant now = Instant.parse("2026-03-02T09:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  @Test
  @DisplayName("the limit-th event passes, the next is refused until the oldest leaves the window")
  void slidingWindow() {
    var clock = new MovableClock();
    var limiter = limiter(clock);
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.acquire("k", 3, WINDOW).allowed()).isTrue();
      clock.now = clock.now.plusSeconds(60);
    }
    var refused = limiter.acquire("k", 3, WINDOW);
    assertThat(refused.allowed()).isFalse();
    // the first event was at 09:00, now is 09:03: it leaves the window at 09:15
    assertThat(refused.retryAfter()).isEqualTo(Duration.ofMinutes(12));
    assertThat(refused.retryAfterSeconds()).isEqualTo(720);

    clock.now = clock.now.plus(Duration.ofMinutes(12));
    assertThat(limiter.acquire("k", 3, WINDOW).allowed()).isTrue();
    assertThat(limiter.acquire("k", 3, WINDOW).allowed()).isFalse();
  }

  @Test
  @DisplayName("refused attempts are not counted: hammering does not push the wait further")
  void refusalsDoNotExtend() {
    var clock = new MovableClock();
    var limiter = limiter(clock);
    limiter.acquire("k", 1, WINDOW);
    for (int i = 0; i < 50; i++) {
      clock.now = clock.now.plusSeconds(10);
      assertThat(limiter.acquire("k", 1, WINDOW).allowed()).isFalse();
    }
    clock.now = Instant.parse("2026-03-02T09:15:00Z").plusNanos(1);
    assertThat(limiter.acquire("k", 1, WINDOW).allowed()).isTrue();
  }

  @Test
  @DisplayName("keys are counted apart; check() does not count")
  void keysApartAndCheck() {
    var limiter = limiter(new MovableClock());
    assertThat(limiter.check("a", 1, WINDOW).allowed()).isTrue();
    assertThat(limiter.check("a", 1, WINDOW).allowed()).isTrue();
    assertThat(limiter.acquire("a", 1, WINDOW).allowed()).isTrue();
    assertThat(limiter.acquire("a", 1, WINDOW).allowed()).isFalse();
    assertThat(limiter.acquire("b", 1, WINDOW).allowed()).isTrue();
  }

  @Test
  @DisplayName("Retry-After is whole seconds, rounded up, at least one")
  void retryAfterSeconds() {
    assertThat(new RateLimiter.Decision(false, Duration.ofMillis(1)).retryAfterSeconds())
        .isEqualTo(1);
    assertThat(new RateLimiter.Decision(false, Duration.ofMillis(1_500)).retryAfterSeconds())
        .isEqualTo(2);
    assertThat(new RateLimiter.Decision(false, Duration.ZERO).retryAfterSeconds()).isEqualTo(1);
  }

  @Test
  @DisplayName("two limiters of the same name (two instances) share the counts; clear() forgets")
  void sharedByName() {
    var clock = new MovableClock();
    var first = new RateLimiter("shared", jdbc, transactions, clock);
    var second = new RateLimiter("shared", jdbc, transactions, clock);
    assertThat(first.acquire("k", 2, WINDOW).allowed()).isTrue();
    assertThat(second.acquire("k", 2, WINDOW).allowed()).isTrue();
    assertThat(first.acquire("k", 2, WINDOW).allowed()).isFalse();
    assertThat(second.check("k", 2, WINDOW).retryAfter()).isEqualTo(WINDOW);
    assertThat(limiter(clock).acquire("k", 2, WINDOW).allowed()).as("another name").isTrue();
    second.clear();
    assertThat(first.acquire("k", 2, WINDOW).allowed()).isTrue();
  }

  @Test
  @DisplayName("50 callers at once on one key with limit 7: exactly 7 pass")
  void concurrentCallers() throws Exception {
    var limiter = limiter(Clock.systemUTC());
    var pool = Executors.newFixedThreadPool(8);
    var start = new CountDownLatch(1);
    try {
      List<Future<Boolean>> answers = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        Callable<Boolean> call =
            () -> {
              start.await();
              return limiter.acquire("hot", 7, WINDOW).allowed();
            };
        answers.add(pool.submit(call));
      }
      start.countDown();
      int allowed = 0;
      for (var answer : answers) {
        allowed += answer.get() ? 1 : 0;
      }
      assertThat(allowed).isEqualTo(7);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("the purge deletes the rows whose events all left their window")
  void purge() {
    var clock = new MovableClock();
    clock.now = Instant.now().minus(Duration.ofHours(1));
    var limiter = limiter(clock);
    limiter.acquire("old", 3, WINDOW);
    var fresh = limiter(Clock.systemUTC());
    fresh.acquire("new", 3, WINDOW);
    RateLimiter.purge(jdbc);
    assertThat(jdbc.queryForList("select key from rate_limit", String.class))
        .contains("new")
        .doesNotContain("old");
  }

  @Test
  @DisplayName(
      "two keys at once: both counted or neither; 40 callers on one second key with limit 3: 3 pass")
  void bothKeysAtOnce() throws Exception {
    var clock = new MovableClock();
    var limiter = limiter(clock);
    assertThat(limiter.acquireBoth("ip", 10, "address", 1, WINDOW).allowed()).isTrue();
    var refused = limiter.acquireBoth("ip", 10, "address", 1, WINDOW);
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfter()).isEqualTo(WINDOW);
    // the refusal by the second took back the first's count: 9 places left for "ip"
    for (int i = 0; i < 9; i++) {
      assertThat(limiter.acquireBoth("ip", 10, "other-" + i, 1, WINDOW).allowed()).isTrue();
    }
    assertThat(limiter.acquireBoth("ip", 10, "one-more", 1, WINDOW).allowed()).isFalse();
    assertThat(limiter.check("one-more", 1, WINDOW).allowed())
        .as("not counted when the first refuses")
        .isTrue();

    var burst = limiter(Clock.systemUTC());
    var pool = Executors.newFixedThreadPool(8);
    var start = new CountDownLatch(1);
    try {
      List<Future<Boolean>> answers = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String ip = "ip-" + (i % 4);
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  return burst.acquireBoth(ip, 1000, "address", 3, WINDOW).allowed();
                }));
      }
      start.countDown();
      int allowed = 0;
      for (var answer : answers) {
        allowed += answer.get() ? 1 : 0;
      }
      assertThat(allowed).isEqualTo(3);
    } finally {
      pool.shutdownNow();
    }
  }
}
