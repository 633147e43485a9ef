package io.passerelle.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The domain's clock in {@code embedded} mode: the wall clock (to the microsecond) plus the offset
 * the development clock has added to the engine's. When a person advances the engine clock by seven
 * days to watch a reminder fire, the reminder's timestamp, the invitation's expiry and the
 * dashboard's "stuck for N days" all move with it, as they would had the days passed.
 */
public final class EngineClock extends Clock {

  private static final Clock WALL = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));

  private final EmbeddedZeebeEngine engine;

  public EngineClock(EmbeddedZeebeEngine engine) {
    this.engine = engine;
  }

  @Override
  public Instant instant() {
    return WALL.instant().plus(engine.offset());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    if (ZoneOffset.UTC.equals(zone)) {
      return this;
    }
    throw new UnsupportedOperationException("The domain clock is UTC");
  }
}
