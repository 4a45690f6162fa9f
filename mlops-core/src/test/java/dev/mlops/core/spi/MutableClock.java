package dev.mlops.core.spi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that tests set and advance by hand. Thread-safe: the instant is guarded by this object. */
public final class MutableClock extends Clock {
  /** Guarded by {@code this}. */
  private Instant now;

  /**
   * Creates a clock standing at an instant.
   *
   * @param start the first instant it reports
   */
  public MutableClock(Instant start) {
    this.now = start;
  }

  /**
   * Moves the clock forward.
   *
   * @param by how far
   */
  public synchronized void advance(Duration by) {
    now = now.plus(by);
  }

  @Override
  public synchronized Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new IllegalArgumentException("a test clock stays in UTC");
  }
}
