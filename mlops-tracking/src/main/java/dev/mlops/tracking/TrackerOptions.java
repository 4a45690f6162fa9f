package dev.mlops.tracking;

import dev.mlops.core.InvalidInputException;
import dev.mlops.core.MlopsException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a {@link Tracker} buffers and writes: queue capacity and backpressure, flush timeout, heartbeat
 * lease, clock and failure listener. Immutable; build with {@link #builder()}.
 *
 * <p>Backpressure policy: metric points go into a bounded queue of {@link #queueCapacity()} entries. When
 * it is full, {@code logMetric} waits up to {@link #offerTimeout()} for room, then drops the point,
 * counts it and logs a warning; the next {@code flush()} or {@code close()} fails with a
 * {@link dev.mlops.core.StorageException} that says how many points were lost. A failing backend never makes
 * {@code logMetric} throw.
 */
public final class TrackerOptions {
  private final int queueCapacity;
  private final Duration offerTimeout;
  private final Duration flushTimeout;
  private final Duration heartbeatInterval;
  private final Duration leaseTimeout;
  private final Duration catalogRefreshInterval;
  private final Clock clock;
  private final Consumer<MlopsException> failureListener;
  private final boolean strictKeys;

  private TrackerOptions(Builder b) {
    this.queueCapacity = b.queueCapacity;
    this.offerTimeout = b.offerTimeout;
    this.flushTimeout = b.flushTimeout;
    this.heartbeatInterval = b.heartbeatInterval;
    this.leaseTimeout = b.leaseTimeout;
    this.catalogRefreshInterval = b.catalogRefreshInterval;
    this.clock = b.clock;
    this.failureListener = b.failureListener;
    this.strictKeys = b.strictKeys;
  }

  /**
   * @return the defaults: 65,536 queued points, 5 s offer timeout, 60 s flush timeout, 30 s heartbeat,
   *     10 min lease, full catalog listing every minute
   */
  public static TrackerOptions defaults() {
    return builder().build();
  }

  /** @return a builder holding the defaults */
  public static Builder builder() {
    return new Builder();
  }

  /** @return a builder holding these options */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.queueCapacity = queueCapacity;
    b.offerTimeout = offerTimeout;
    b.flushTimeout = flushTimeout;
    b.heartbeatInterval = heartbeatInterval;
    b.leaseTimeout = leaseTimeout;
    b.catalogRefreshInterval = catalogRefreshInterval;
    b.clock = clock;
    b.failureListener = failureListener;
    b.strictKeys = strictKeys;
    return b;
  }

  /**
   * Whether a search, leaderboard or sweep objective that names a metric, param or tag no run of its
   * experiment has fails with an {@link InvalidInputException} (true) or logs a warning (false, the default);
   * either way the message offers the closest existing keys ("did you mean val_accuracy?").
   *
   * @return true for strict
   */
  public boolean strictKeys() {
    return strictKeys;
  }

  /** @return the queue capacity in metric points */
  public int queueCapacity() {
    return queueCapacity;
  }

  /** @return how long {@code logMetric} waits for room in a full queue before dropping the point */
  public Duration offerTimeout() {
    return offerTimeout;
  }

  /** @return how long {@code flush()} and {@code close()} wait for the backend */
  public Duration flushTimeout() {
    return flushTimeout;
  }

  /** @return how often the lease of running runs is renewed in their records */
  public Duration heartbeatInterval() {
    return heartbeatInterval;
  }

  /** @return after how long without a heartbeat a RUNNING run on another host reads as KILLED */
  public Duration leaseTimeout() {
    return leaseTimeout;
  }

  /**
   * Returns how often a search lists every run record of an experiment instead of following its change
   * log (the listing repairs notices lost to a crash between a record write and its notice).
   *
   * @return the interval
   */
  public Duration catalogRefreshInterval() {
    return catalogRefreshInterval;
  }

  /** @return the clock that stamps metrics and run times */
  public Clock clock() {
    return clock;
  }

  /** @return the listener that hears of every failed write (on the thread writing the round that failed) */
  public Consumer<MlopsException> failureListener() {
    return failureListener;
  }

  /** Builds {@link TrackerOptions}. Not thread-safe. */
  public static final class Builder {
    private int queueCapacity = 1 << 16;
    private Duration offerTimeout = Duration.ofSeconds(5);
    private Duration flushTimeout = Duration.ofSeconds(60);
    private Duration heartbeatInterval = Duration.ofSeconds(30);
    private Duration leaseTimeout = Duration.ofMinutes(10);
    private Duration catalogRefreshInterval = Duration.ofMinutes(1);
    private Clock clock = Clock.systemUTC();
    private Consumer<MlopsException> failureListener = e -> { };
    private boolean strictKeys;

    private Builder() {}

    /**
     * Sets the queue capacity.
     *
     * @param capacity at least 16
     * @return this builder
     * @throws InvalidInputException if below 16
     */
    public Builder queueCapacity(int capacity) {
      if (capacity < 16) {
        throw new InvalidInputException("queue capacity must be >= 16, got " + capacity);
      }
      this.queueCapacity = capacity;
      return this;
    }

    /**
     * Sets how long a caller waits for room in a full queue.
     *
     * @param timeout zero or positive
     * @return this builder
     */
    public Builder offerTimeout(Duration timeout) {
      this.offerTimeout = nonNegative("offer timeout", timeout);
      return this;
    }

    /**
     * Sets how long flush and close wait.
     *
     * @param timeout positive
     * @return this builder
     */
    public Builder flushTimeout(Duration timeout) {
      this.flushTimeout = positive("flush timeout", timeout);
      return this;
    }

    /**
     * Sets the heartbeat interval.
     *
     * @param interval positive
     * @return this builder
     */
    public Builder heartbeatInterval(Duration interval) {
      this.heartbeatInterval = positive("heartbeat interval", interval);
      return this;
    }

    /**
     * Sets the lease timeout.
     *
     * @param timeout positive, longer than the heartbeat interval
     * @return this builder
     */
    public Builder leaseTimeout(Duration timeout) {
      this.leaseTimeout = positive("lease timeout", timeout);
      return this;
    }

    /**
     * Sets how often searches list every run record (default one minute).
     *
     * @param interval zero (always list) or positive
     * @return this builder
     */
    public Builder catalogRefreshInterval(Duration interval) {
      this.catalogRefreshInterval = nonNegative("catalog refresh interval", interval);
      return this;
    }

    /**
     * Sets the clock.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the failure listener.
     *
     * @param listener called on the thread writing the round that failed: the writer thread, or a thread whose
     *     flush (or run end) found no round in progress and wrote it itself; must not block
     * @return this builder
     */
    public Builder failureListener(Consumer<MlopsException> listener) {
      this.failureListener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Makes a search, leaderboard or sweep objective on a key that no run has fail instead of warn (see
     * {@link TrackerOptions#strictKeys()}).
     *
     * @param strict true to fail
     * @return this builder
     */
    public Builder strictKeys(boolean strict) {
      this.strictKeys = strict;
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     * @throws InvalidInputException if the lease is not longer than the heartbeat interval
     */
    public TrackerOptions build() {
      if (leaseTimeout.compareTo(heartbeatInterval) <= 0) {
        throw new InvalidInputException("lease timeout " + leaseTimeout + " must be longer than the heartbeat interval "
            + heartbeatInterval);
      }
      return new TrackerOptions(this);
    }

    private static Duration positive(String what, Duration d) {
      Objects.requireNonNull(d, what);
      if (d.isNegative() || d.isZero()) {
        throw new InvalidInputException(what + " must be positive, got " + d);
      }
      return d;
    }

    private static Duration nonNegative(String what, Duration d) {
      Objects.requireNonNull(d, what);
      if (d.isNegative()) {
        throw new InvalidInputException(what + " must not be negative, got " + d);
      }
      return d;
    }
  }
}
