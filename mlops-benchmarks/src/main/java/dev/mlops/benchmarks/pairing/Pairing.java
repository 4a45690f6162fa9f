package dev.mlops.benchmarks.pairing;

/**
 * Runs a benchmark's operation and its baseline back to back in one invocation and adds both durations to
 * a {@link PairedTimes}.
 */
public final class Pairing {
  private Pairing() {}

  /**
   * Runs both halves back to back, the baseline first on every other invocation so that neither half
   * always profits from caches the other warmed, and adds their durations to {@code times}.
   *
   * @param times where the durations are added up
   * @param baseline the baseline
   * @param subject the measured operation
   * @param <B> what the baseline returns
   * @param <S> what the measured operation returns
   * @return both results
   * @throws Exception whatever a half throws
   */
  public static <B, S> Results<B, S> run(PairedTimes times, Half<B> baseline, Half<S> subject)
      throws Exception {
    Timed<B> b;
    Timed<S> s;
    if (times.baselineFirst()) {
      b = Timed.of(baseline);
      s = Timed.of(subject);
    } else {
      s = Timed.of(subject);
      b = Timed.of(baseline);
    }
    times.add(b.nanos(), s.nanos());
    return new Results<>(b.result(), s.result());
  }

  /** A half's result and how long it took. */
  private record Timed<T>(T result, long nanos) {
    static <T> Timed<T> of(Half<T> half) throws Exception {
      long start = System.nanoTime();
      T result = half.run();
      return new Timed<>(result, System.nanoTime() - start);
    }
  }

  /**
   * One half of a pair.
   *
   * @param <T> what it returns
   */
  @FunctionalInterface
  public interface Half<T> {
    /**
     * Runs it once.
     *
     * @return its result, checked by the caller
     * @throws Exception any failure
     */
    T run() throws Exception;
  }

  /**
   * What the two halves of one invocation returned.
   *
   * @param baseline the baseline's result
   * @param subject the measured operation's result
   * @param <B> the baseline's type
   * @param <S> the measured operation's type
   */
  public record Results<B, S>(B baseline, S subject) {}
}
