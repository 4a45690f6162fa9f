package dev.mlops.benchmarks.ui;

import dev.mlops.benchmarks.scratch.ScratchFiles;
import dev.mlops.core.MlopsStore;
import dev.mlops.core.storage.FileStorage;
import dev.mlops.tracking.MetricPointSink;
import dev.mlops.tracking.Run;
import dev.mlops.tracking.Tracker;
import dev.mlops.ui.internal.MetricSeries;
import dev.mlops.ui.internal.RunViews;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The UI's uncached chart read of a long series on a file store, as a training job leaves it: 1,000,000 points of
 * {@code loss} (a noisy decaying curve with a NaN every 50,000 steps) interleaved with {@code lr} every 100 steps,
 * flushed every 10,000 steps. {@link #envelopeChart} is what {@code /api/metric} runs (points streamed into a
 * bounded envelope per key, then LTTB); {@link #wholeSeriesChart} collects every point with its timestamp first
 * (what the comparison did before, and the charts before the envelope, plus timestamps); the baseline
 * {@link #walkOnly} streams the same points into a sink that only adds the values, the read and decode every
 * chart pays. Run with {@code -prof gc} to see the allocation per read beside the time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class ChartReadBenchmark {
  private static final int POINTS = 1_000_000;
  private Path dir;
  private MlopsStore store;
  private Tracker tracker;
  private String runId;

  /** Logs the run into a new file store. */
  @Setup(Level.Trial)
  public void populate() throws IOException {
    dir = Files.createTempDirectory("mlops-bench-chart");
    store = MlopsStore.open(FileStorage.open(dir));
    tracker = Tracker.on(store);
    Random random = new Random(7);
    try (Run run = tracker.newRun("chart-read").start()) {
      for (int step = 0; step < POINTS; step++) {
        double loss = Math.exp(-step / 200_000.0) + 0.01 * random.nextGaussian();
        run.logMetric("loss", step % 50_000 == 49_999 ? Double.NaN : loss, step);
        if (step % 100 == 0) {
          run.logMetric("lr", 0.1 * Math.pow(0.5, step / 250_000), step);
        }
        if (step % 10_000 == 9_999) {
          run.flush();
        }
      }
      run.finish();
      runId = run.id();
    }
  }

  /**
   * The chart the UI serves: envelope, then LTTB to 2,000 points.
   *
   * @return the charts by key
   */
  @Benchmark
  public Map<String, Map<String, Object>> envelopeChart() {
    return MetricSeries.readCharts(tracker, runId, RunViews.MAX_CHART_POINTS);
  }

  /**
   * Every point with its timestamp collected, ordered by step, then LTTB to 2,000 points.
   *
   * @return the chart of {@code loss}
   */
  @Benchmark
  public Map<String, Object> wholeSeriesChart() {
    return MetricSeries.read(tracker, runId).get("loss").chart(RunViews.MAX_CHART_POINTS);
  }

  /**
   * The baseline: the same walk and decode into a sink that adds the values.
   *
   * @return the sum
   */
  @Benchmark
  public double walkOnly() {
    Sum sum = new Sum();
    tracker.forEachMetricPoint(runId, sum);
    return sum.total;
  }

  /** Closes and deletes the store. */
  @TearDown(Level.Trial)
  public void delete() {
    tracker.close();
    store.close();
    ScratchFiles.deleteRecursively(dir);
  }

  private static final class Sum implements MetricPointSink {
    double total;

    @Override
    public void accept(String key, double value, long step, long timestampMillis) {
      total += value;
    }
  }
}
