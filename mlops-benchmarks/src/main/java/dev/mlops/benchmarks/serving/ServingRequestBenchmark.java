package dev.mlops.benchmarks.serving;

import dev.mlops.tracking.monitor.ChangeDetector;
import dev.mlops.tracking.monitor.MetricMonitor;
import dev.mlops.validation.Check;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.RowValidator;
import dev.mlops.validation.Table;
import dev.mlops.validation.ValidationSuite;
import dev.mlops.validation.drift.BinningOptions;
import dev.mlops.validation.drift.DatasetProfile;
import dev.mlops.validation.drift.Window;
import dev.mlops.validation.drift.WindowProfile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The in-process part of one model-server request, as {@code dev.mlops.examples.server.ModelServer} runs it
 * (target: at most 1 us): set the record's five fields on a reusable row and validate it against the input rules
 * (four {@code isComplete}, four {@code isPositive}, one {@code isContainedIn}), count its fields into a sliding
 * drift window over a reference profile, and feed the prediction's confidence to a Page-Hinkley monitor.
 * {@link #baseline} only reads the same record and sums it, the cost of touching the data at all.
 *
 * <p>The records are 4,096 penguin-like rows (four normal measurements, three islands, 2% with a negative mass
 * that the rules reject) cycled in order. Run with {@code java -jar mlops-benchmarks/target/benchmarks.jar
 * ServingRequestBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ServingRequestBenchmark {
  private static final String[] FEATURES = {"Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)",
      "Body Mass (g)"};
  private static final String[] ISLANDS = {"Biscoe", "Dream", "Torgersen"};
  private static final int MASK = 4095;

  private double[][] x;
  private String[] island;
  private double[] confidence;
  private RowValidator.Row row;
  private int[] rowColumns;
  private int rowIsland;
  private WindowProfile window;
  private int[] windowColumns;
  private int windowIsland;
  private MetricMonitor monitor;
  private int next;

  /** Builds the records, the validator, the window and the monitor. */
  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom rng = new SplittableRandom(42);
    double[] mean = {44, 17, 200, 4200};
    double[] sd = {5, 2, 14, 800};
    x = new double[MASK + 1][FEATURES.length];
    island = new String[MASK + 1];
    confidence = new double[MASK + 1];
    List<Map<String, Object>> reference = new ArrayList<>();
    for (int i = 0; i <= MASK; i++) {
      Map<String, Object> r = new HashMap<>();
      for (int j = 0; j < FEATURES.length; j++) {
        x[i][j] = mean[j] + sd[j] * rng.nextGaussian();
        r.put(FEATURES[j], x[i][j]);
      }
      island[i] = ISLANDS[rng.nextInt(3)];
      r.put("Island", island[i]);
      reference.add(r);
      confidence[i] = 0.5 + 0.5 * rng.nextDouble();
      if (i % 50 == 49) {
        x[i][3] = -1;
      }
    }
    Check inputs = Check.error("inputs").isContainedIn("Island", Set.of(ISLANDS));
    Map<String, ColumnType> schema = new LinkedHashMap<>();
    schema.put("Island", ColumnType.STRING);
    for (String f : FEATURES) {
      inputs = inputs.isComplete(f).isPositive(f);
      schema.put(f, ColumnType.DOUBLE);
    }
    RowValidator validator = ValidationSuite.builder("serve").addCheck(inputs).build().rowValidator(schema);
    row = validator.newRow();
    rowColumns = new int[FEATURES.length];
    for (int j = 0; j < FEATURES.length; j++) {
      rowColumns[j] = row.indexOf(FEATURES[j]);
    }
    rowIsland = row.indexOf("Island");
    window = WindowProfile.of(DatasetProfile.fit(Table.fromMaps(reference), BinningOptions.defaults()),
        Window.slidingCount(5_000, 5));
    windowColumns = new int[FEATURES.length];
    for (int j = 0; j < FEATURES.length; j++) {
      windowColumns[j] = window.columnIndex(FEATURES[j]);
    }
    windowIsland = window.columnIndex("Island");
    monitor = MetricMonitor.builder("prediction_confidence").detector(ChangeDetector.pageHinkley()).build();
  }

  /**
   * Validates, counts and monitors one record.
   *
   * @return whether the record was valid, so the work cannot be dropped
   */
  @Benchmark
  public boolean request() {
    int i = next++ & MASK;
    double[] r = x[i];
    for (int j = 0; j < r.length; j++) {
      row.setDouble(rowColumns[j], r[j]);
    }
    row.setString(rowIsland, island[i]);
    if (!row.validate().isEmpty()) {
      return false;
    }
    for (int j = 0; j < r.length; j++) {
      window.update(windowColumns[j], r[j]);
    }
    window.update(windowIsland, island[i]);
    monitor.update(confidence[i]);
    return true;
  }

  /**
   * Only the validation part of {@link #request}.
   *
   * @return whether the record was valid
   */
  @Benchmark
  public boolean validateOnly() {
    int i = next++ & MASK;
    double[] r = x[i];
    for (int j = 0; j < r.length; j++) {
      row.setDouble(rowColumns[j], r[j]);
    }
    row.setString(rowIsland, island[i]);
    return row.validate().isEmpty();
  }

  /**
   * Only the drift window part of {@link #request}.
   *
   * @return a value read from the record
   */
  @Benchmark
  public double windowOnly() {
    int i = next++ & MASK;
    double[] r = x[i];
    for (int j = 0; j < r.length; j++) {
      window.update(windowColumns[j], r[j]);
    }
    window.update(windowIsland, island[i]);
    return r[0];
  }

  /**
   * Only the monitor part of {@link #request}.
   *
   * @return the monitor's state
   */
  @Benchmark
  public Object monitorOnly() {
    return monitor.update(confidence[next++ & MASK]);
  }

  /**
   * Reads the same record and sums it.
   *
   * @return the sum, so the work cannot be dropped
   */
  @Benchmark
  public double baseline() {
    int i = next++ & MASK;
    double[] r = x[i];
    double s = confidence[i] + island[i].length();
    for (double v : r) {
      s += v;
    }
    return s;
  }
}
