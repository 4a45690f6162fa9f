package dev.mlops.benchmarks.monitor;

import dev.mlops.tracking.monitor.ChangeDetector;
import dev.mlops.tracking.monitor.MetricMonitor;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one detector update, amortized over a long stationary stream (targets: ADWIN at most
 * 200 ns; Page-Hinkley, CUSUM and DDM at most 20 ns), and of one update through a {@link MetricMonitor}
 * (lock and hysteresis on top of the detector).
 *
 * <p>Each operation feeds the next value of a precomputed stream of 2^20 values: standard normal
 * values for the numeric detectors, Bernoulli(0.1) errors for the binary ones, so detectors run in
 * their steady state (ADWIN's window grows and its cut checks every 32 values are included). Run with
 * {@code java -jar mlops-benchmarks/target/benchmarks.jar DetectorBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DetectorBenchmark {
  private static final int MASK = (1 << 20) - 1;

  /** The detector under test. */
  @Param({"adwin", "page-hinkley", "cusum", "ddm", "eddm", "hddm-a", "hddm-w", "kswin"})
  public String detector;

  private double[] values;
  private int next;
  private double sum;
  private ChangeDetector changeDetector;
  private MetricMonitor monitor;

  /** Builds the stream and fresh detectors. */
  @Setup(Level.Trial)
  public void setUp() {
    boolean binary = detector.startsWith("ddm") || detector.startsWith("eddm") || detector.startsWith("hddm");
    SplittableRandom random = new SplittableRandom(42);
    values = new double[MASK + 1];
    for (int i = 0; i < values.length; i++) {
      values[i] = binary ? (random.nextDouble() < 0.1 ? 1.0 : 0.0) : gaussian(random);
    }
    changeDetector = create(detector);
    monitor = MetricMonitor.builder("benchmark").detector(create(detector)).build();
  }

  private static double gaussian(SplittableRandom random) {
    double u = random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
  }

  private static ChangeDetector create(String name) {
    return switch (name) {
      case "adwin" -> ChangeDetector.adwin();
      case "page-hinkley" -> ChangeDetector.pageHinkley();
      case "cusum" -> ChangeDetector.cusum();
      case "ddm" -> ChangeDetector.ddm();
      case "eddm" -> ChangeDetector.eddm();
      case "hddm-a" -> ChangeDetector.hddmA();
      case "hddm-w" -> ChangeDetector.hddmW();
      case "kswin" -> ChangeDetector.kswin(42);
      default -> throw new IllegalArgumentException("unknown detector " + name);
    };
  }

  /**
   * The baseline: read the next value and fold it into a sum, the memory traffic every update pays.
   * Report detector costs as ratios to this on a loaded machine.
   *
   * @return the sum
   */
  @Benchmark
  public double baseline() {
    sum += values[next++ & MASK];
    return sum;
  }

  /**
   * One detector update.
   *
   * @return the drift flag, so the update is not optimized away
   */
  @Benchmark
  public boolean update() {
    changeDetector.update(values[next++ & MASK]);
    return changeDetector.driftDetected();
  }

  /**
   * One update through a metric monitor.
   *
   * @return the monitor's state
   */
  @Benchmark
  public Object monitorUpdate() {
    return monitor.update(values[next++ & MASK]);
  }
}
