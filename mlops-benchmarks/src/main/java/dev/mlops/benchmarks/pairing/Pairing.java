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
    B b;
    S s;
    long baselineTime;
    long subjectTime;
    if (times.baselineFirst()) {
      long t0 = System.nanoTime();
      b = baseline.run();
      long t1 = System.nanoTime();
      s = subject.run();
      baselineTime = t1 - t0;
      subjectTime = System.nanoTime() - t1;
    } else {
      long t0 = System.nanoTime();
      s = subject.run();
      long t1 = System.nanoTime();
      b = baseline.run();
      subjectTime = t1 - t0;
      baselineTime = System.nanoTime() - t1;
    }
    times.add(baselineTime, subjectTime);
    return new Results<>(b, s);
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
