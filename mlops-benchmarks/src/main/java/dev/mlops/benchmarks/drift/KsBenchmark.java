package dev.mlops.benchmarks.drift;

import dev.mlops.validation.drift.DriftStatistics;
import dev.mlops.validation.drift.StatisticResult;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.apache.commons.statistics.inference.PValueMethod;
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
 * Two-sample Kolmogorov-Smirnov test (statistic and asymptotic p-value) on {@code n} vs {@code n} normal
 * doubles, the current side shifted by 0.01; compare with {@code scripts/drift/time_scipy_ks.py}, which
 * times {@code scipy.stats.ks_2samp} on the same sizes on the same machine. {@link #commonsStatistics()} is
 * the previous code path, the baseline measured in the same run.
 *
 * <p>Run: {@code java -jar mlops-benchmarks/target/benchmarks.jar KsBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class KsBenchmark {
  /** Values per side. */
  @Param("1000000")
  public int n;

  private double[] reference;
  private double[] current;

  /** Draws the two samples once per trial. */
  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(42);
    reference = new double[n];
    current = new double[n];
    for (int i = 0; i < n; i++) {
      reference[i] = gaussian(random);
      current[i] = gaussian(random) + 0.01;
    }
  }

  private static double gaussian(SplittableRandom r) {
    double u = r.nextDouble();
    double v = r.nextDouble();
    return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
  }

  /**
   * Runs the test as a caller would: unsorted arrays in, result out.
   *
   * @return the result, so the work is not eliminated
   */
  @Benchmark
  public StatisticResult ks() {
    return DriftStatistics.ks(reference, current);
  }

  /**
   * The baseline, the path {@link #ks()} took before the Smirnov tail sum: parallel-sorted copies handed to
   * Commons Statistics' asymptotic test, which merges them and evaluates the same p-value term by term
   * with double-double powers.
   *
   * @return the test's result
   */
  @Benchmark
  public KolmogorovSmirnovTest.TwoResult commonsStatistics() {
    double[] x = reference.clone();
    double[] y = current.clone();
    Arrays.parallelSort(x);
    Arrays.parallelSort(y);
    return KolmogorovSmirnovTest.withDefaults().with(PValueMethod.ASYMPTOTIC).test(x, y);
  }
}
