package dev.mlops.validation.drift;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that tests move by hand (forward or back); not thread-safe. */
final class TestClock extends Clock {
  Instant now;

  TestClock(Instant start) {
    this.now = start;
  }

  void advanceMillis(long millis) {
    now = now.plusMillis(millis);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now;
  }
}
