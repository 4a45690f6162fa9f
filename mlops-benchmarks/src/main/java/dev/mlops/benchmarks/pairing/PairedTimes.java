package dev.mlops.benchmarks.pairing;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The durations of a paired benchmark's two halves (a baseline and the operation measured against it, run
 * back to back in one invocation), summed per iteration and reported by JMH as secondary results
 * ({@code baselineNanos}, {@code subjectNanos}). On a shared machine the speed drifts between benchmarks
 * run one after the other; pairing keeps both measurements in the same few seconds, and the ratio of an
 * iteration is {@code baselineNanos / subjectNanos}.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class PairedTimes {
  /** Nanoseconds spent in the baseline this iteration. */
  public long baselineNanos;
  /** Nanoseconds spent in the measured operation this iteration. */
  public long subjectNanos;
  /** Invocations so far in this trial; its parity says which half runs first. */
  private long invocations;

  /** Starts an iteration from zero. */
  @Setup(Level.Iteration)
  public void reset() {
    baselineNanos = 0;
    subjectNanos = 0;
  }

  /**
   * Adds one invocation's two durations.
   *
   * @param baseline nanoseconds the baseline took
   * @param subject nanoseconds the measured operation took
   */
  void add(long baseline, long subject) {
    baselineNanos += baseline;
    subjectNanos += subject;
    invocations++;
  }

  /** Tells whether the next invocation runs the baseline first: every other one does. */
  boolean baselineFirst() {
    return invocations % 2 == 0;
  }
}
