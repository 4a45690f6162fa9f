package dev.mlops.benchmarks.drift;

import dev.mlops.validation.drift.Binning;
import dev.mlops.validation.drift.ColumnHistogram;
import dev.mlops.validation.drift.DatasetProfile;
import dev.mlops.validation.drift.DriftStatistics;
import dev.mlops.validation.drift.StatisticResult;
import dev.mlops.validation.drift.Window;
import dev.mlops.validation.drift.WindowProfile;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.apache.commons.statistics.inference.PValueMethod;

/**
 * Thread CPU time of a window profile update per value, and wall-clock and process CPU time of
 * {@link DriftStatistics#ks} (and of the previous path through Commons Statistics, the baseline) on
 * 1,000,000 vs 1,000,000 normal doubles,
 * printed in the same form as {@code scripts/drift/time_scipy_ks.py}; CPU time is the fair comparison when
 * the machine is shared, where JMH's wall-clock figures (see {@link KsBenchmark}) are noisy.
 *
 * <p>Run: {@code java -cp mlops-benchmarks/target/benchmarks.jar dev.mlops.benchmarks.drift.DriftTiming}.
 */
public final class DriftTiming {
  private DriftTiming() {}

  /**
   * Times the test and its baseline and prints the medians.
   *
   * @param args optional sample size per side
   */
  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    SplittableRandom random = new SplittableRandom(42);
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = Math.sqrt(-2 * Math.log1p(-random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
      y[i] = Math.sqrt(-2 * Math.log1p(-random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble())
          + 0.01;
    }
    StatisticResult r = DriftStatistics.ks(x, y);
    time("java DriftStatistics.ks", n, () -> DriftStatistics.ks(x, y));
    time("baseline (previous path: Commons Statistics)", n, () -> {
      double[] sx = x.clone();
      double[] sy = y.clone();
      Arrays.parallelSort(sx);
      Arrays.parallelSort(sy);
      return KolmogorovSmirnovTest.withDefaults().with(PValueMethod.ASYMPTOTIC).test(sx, sy);
    });
    System.out.printf(Locale.ROOT, "D=%.6f, p=%.4g%n", r.statistic(), r.pValue());
    profileUpdate(x, y);
  }

  /** Runs 6 warm-up and 7 timed calls and prints the medians of wall-clock and process CPU time. */
  private static void time(String label, int n, Supplier<Object> work) {
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    for (int i = 0; i < 6; i++) {
      work.get(); // the first calls run before the JIT has compiled the loops
    }
    double[] wall = new double[7];
    double[] cpu = new double[7];
    for (int i = 0; i < 7; i++) {
      long c0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      work.get();
      wall[i] = (System.nanoTime() - t0) / 1e6;
      cpu[i] = (os.getProcessCpuTime() - c0) / 1e6;
    }
    Arrays.sort(wall);
    Arrays.sort(cpu);
    System.out.printf(Locale.ROOT, "%s n=%d: wall median %.1f ms (min %.1f), cpu median %.1f ms (min %.1f)%n",
        label, n, wall[3], wall[0], cpu[3], cpu[0]);
  }

  private static void profileUpdate(double[] reference, double[] current) {
    Binning binning = Binning.fitQuantiles(reference, 10);
    DatasetProfile profile = DatasetProfile.of(List.of(ColumnHistogram.ofNumbers("x", binning, reference)));
    WindowProfile window = WindowProfile.of(profile, Window.slidingCount(100_000, 10));
    int column = window.columnIndex("x");
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double[] perValue = new double[7];
    for (int round = -3; round < 7; round++) {
      long c0 = threads.getCurrentThreadCpuTime();
      for (double v : current) {
        window.update(column, v);
      }
      if (round >= 0) {
        perValue[round] = (threads.getCurrentThreadCpuTime() - c0) / (double) current.length;
      }
    }
    Arrays.sort(perValue);
    System.out.printf(Locale.ROOT, "java WindowProfile.update (10 bins, sliding 100000/10): thread cpu median "
        + "%.1f ns per value (min %.1f)%n", perValue[3], perValue[0]);
  }
}
