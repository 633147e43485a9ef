package io.passerelle.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The sliding window of the portal's rate limits, on a clock the test moves. */
class RateLimiterTest {

  static final Duration WINDOW = Duration.ofMinutes(15);

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
    var limiter = new RateLimiter(clock);
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
    var limiter = new RateLimiter(clock);
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
    var limiter = new RateLimiter(new MovableClock());
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
}
