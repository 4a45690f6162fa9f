package dev.mlops.benchmarks.jdbc;

import dev.mlops.benchmarks.scratch.ScratchFiles;
import dev.mlops.benchmarks.tracking.DurableLoggingBenchmark;
import dev.mlops.core.MlopsStore;
import dev.mlops.tracking.Run;
import dev.mlops.tracking.Tracker;
import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Logs 1,000,000 metric points (1,000 keys x 1,000 steps) through the tracking API and flushes them
 * durably, on each backend; a fresh store per measured operation. Target: at most 3 s.
 *
 * <p>Run: {@code java -jar mlops-benchmarks/target/benchmarks.jar DatabaseLoggingBenchmark -f 1 -wi 1 -i 3}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class DatabaseLoggingBenchmark {
  /** The backend. */
  @Param({"file", "sqlite", "postgresql"})
  public String store;

  private Path dir;
  private MlopsStore opened;
  private Tracker tracker;
  private Run run;

  /** Opens a fresh store, tracker and run. */
  @Setup(Level.Iteration)
  public void open() {
    dir = ScratchFiles.scratchDirectory("logging");
    opened = MlopsStore.open(BenchStores.fresh(store, dir));
    tracker = Tracker.on(opened);
    run = tracker.startRun("bench");
  }

  /** Logs a million points and waits until they are durable. */
  @Benchmark
  public void logMillionPointsAndFlush() {
    DurableLoggingBenchmark.logMillionPointsAndFlush(run);
  }

  /** Closes everything and deletes the scratch directory. */
  @TearDown(Level.Iteration)
  public void close() {
    run.close();
    tracker.close();
    opened.close();
    ScratchFiles.deleteRecursively(dir);
  }
}
