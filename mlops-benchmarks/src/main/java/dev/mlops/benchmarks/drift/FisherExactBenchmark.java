package dev.mlops.benchmarks.drift;

import dev.mlops.validation.drift.Alternative;
import dev.mlops.validation.drift.DriftStatistics;
import dev.mlops.validation.drift.StatisticResult;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Fisher's exact test, two-sided, on tables of very different totals but the same shape (about 1.2 standard
 * deviations off independence): {@code small} totals 2,000, {@code huge} 2,147,483,647 (the largest accepted).
 * The tails are summed only as far as their terms matter, so the huge table should cost a small multiple of
 * the small one (its terms that matter span a few standard deviations, about 23,000 counts), not a million
 * times more. Report the ratio huge / small, measured in the same run.
 *
 * <p>Run: {@code java -jar mlops-benchmarks/target/benchmarks.jar FisherExactBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FisherExactBenchmark {
  /** The table's total. */
  @Param({"small", "huge"})
  public String total;

  private long[][] table;

  /** Builds a table with both margins at half the total and the top-left cell 1.2 standard deviations low. */
  @Setup
  public void setUp() {
    long n = total.equals("small") ? 2_000 : Integer.MAX_VALUE;
    long half = n / 2;
    double sd = Math.sqrt(half * (double) (n - half) * half * (n - half) / ((double) n * n * (n - 1)));
    long a = Math.round(half * (double) half / n - 1.2 * sd);
    table = new long[][] {{a, half - a}, {half - a, n - 2 * half + a}};
  }

  /**
   * Runs the test.
   *
   * @return the result, so the work is not eliminated
   */
  @Benchmark
  public StatisticResult fisherExact() {
    return DriftStatistics.fisherExact(table, Alternative.TWO_SIDED);
  }
}
