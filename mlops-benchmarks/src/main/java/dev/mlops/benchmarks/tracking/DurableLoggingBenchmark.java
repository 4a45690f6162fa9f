package dev.mlops.benchmarks.tracking;

import dev.mlops.benchmarks.scratch.ScratchFiles;
import dev.mlops.core.MlopsStore;
import dev.mlops.core.storage.FileStorage;
import dev.mlops.tracking.Run;
import dev.mlops.tracking.Tracker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Logs 1,000,000 metric points (1,000 keys x 1,000 steps) to one run in a fresh file store and flushes
 * durably. Target: at most 2 s per operation. One operation is the whole million plus the flush.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class DurableLoggingBenchmark {
  private static final String[] KEYS = new String[1000];

  static {
    for (int k = 0; k < KEYS.length; k++) {
      KEYS[k] = "metric_" + k;
    }
  }

  private Path dir;
  private MlopsStore store;
  private Tracker tracker;
  private Run run;

  /** Opens a fresh file store, tracker and run for each measured operation. */
  @Setup(Level.Iteration)
  public void open() throws IOException {
    dir = Files.createTempDirectory("mlops-bench-logging");
    store = MlopsStore.open(FileStorage.open(dir));
    tracker = Tracker.on(store);
    run = tracker.startRun("bench");
  }

  /** Logs a million points and waits until they are durable. */
  @Benchmark
  public void logMillionPointsAndFlush() {
    logMillionPointsAndFlush(run);
  }

  /**
   * Logs 1,000 steps of 1,000 metrics to a run and flushes it: the workload every backend is measured on.
   *
   * @param run the run to log to
   */
  public static void logMillionPointsAndFlush(Run run) {
    for (int step = 0; step < 1000; step++) {
      for (String key : KEYS) {
        run.logMetric(key, step * 0.001, step);
      }
    }
    run.flush();
  }

  /** Closes everything and deletes the store. */
  @TearDown(Level.Iteration)
  public void close() {
    run.finish();
    tracker.close();
    store.close();
    ScratchFiles.deleteRecursively(dir);
  }
}
