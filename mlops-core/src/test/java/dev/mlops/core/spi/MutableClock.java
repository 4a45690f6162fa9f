package dev.mlops.core.spi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that tests set and advance by hand (a negative duration moves it back); shared by the tests of every
 * module through mlops-core's test-jar. Thread-safe: the instant is guarded by this object.
 */
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
   * Moves the clock.
   *
   * @param by how far (negative moves it back)
   */
  public synchronized void advance(Duration by) {
    now = now.plus(by);
  }

  /**
   * Sets the clock to an instant, forward or back.
   *
   * @param instant what it reports from now on
   */
  public synchronized void set(Instant instant) {
    now = instant;
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
