package dev.mlops.benchmarks.drift;

import dev.mlops.validation.drift.Binning;
import dev.mlops.validation.drift.ColumnHistogram;
import dev.mlops.validation.drift.DatasetProfile;
import dev.mlops.validation.drift.Window;
import dev.mlops.validation.drift.WindowProfile;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost per numeric value of {@link WindowProfile#update(int, double)} on a sliding count window of
 * 100,000 values in 10 panes over a 10-bin reference binning (target: at most 50 ns).
 *
 * <p>Run: {@code java -jar mlops-benchmarks/target/benchmarks.jar ProfileUpdateBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ProfileUpdateBenchmark {
  private static final int BATCH = 4096;

  private WindowProfile window;
  private int column;
  private double[] values;

  /** Fits a 10-bin reference and prepares a batch of values. */
  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(7);
    double[] reference = new double[100_000];
    for (int i = 0; i < reference.length; i++) {
      reference[i] = random.nextDouble() * 100;
    }
    Binning binning = Binning.fitQuantiles(reference, 10);
    DatasetProfile profile = DatasetProfile.of(List.of(ColumnHistogram.ofNumbers("x", binning, reference)));
    window = WindowProfile.of(profile, Window.slidingCount(100_000, 10));
    column = window.columnIndex("x");
    values = new double[BATCH];
    for (int i = 0; i < BATCH; i++) {
      values[i] = random.nextDouble() * 110 - 5;
    }
  }

  /** Counts a batch of values one by one; JMH divides the time by the batch size. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void updatePerValue() {
    for (double v : values) {
      window.update(column, v);
    }
  }
}
