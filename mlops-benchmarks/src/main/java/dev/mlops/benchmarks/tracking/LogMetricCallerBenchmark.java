package dev.mlops.benchmarks.tracking;

import dev.mlops.core.MlopsStore;
import dev.mlops.core.storage.InMemoryStorage;
import dev.mlops.tracking.Run;
import dev.mlops.tracking.Tracker;
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
 * The caller's cost of one {@code logMetric}: validate the key, stamp the time, queue the point. Sampled
 * per call so JMH reports the median (p0.50) next to the mean; target p0.50 at most 200 ns. The writer
 * drains into an in-memory store so the queue never fills (a full queue would measure the backend).
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.SampleTime, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LogMetricCallerBenchmark {
  private MlopsStore store;
  private Tracker tracker;
  private Run run;
  private long step;

  /** Opens an in-memory store and a run. */
  @Setup(Level.Trial)
  public void open() {
    store = MlopsStore.open(InMemoryStorage.create());
    tracker = Tracker.on(store);
    run = tracker.startRun("bench");
  }

  /** Logs one point. */
  @Benchmark
  public void logMetric() {
    run.logMetric("train/loss", 0.5, step++);
  }

  /** Flushes and closes. */
  @TearDown(Level.Trial)
  public void close() {
    run.finish();
    tracker.close();
    store.close();
  }
}
