package dev.mlops.benchmarks.jdbc;

import dev.mlops.benchmarks.scratch.ScratchFiles;
import dev.mlops.benchmarks.tracking.RunPopulation;
import dev.mlops.core.MlopsStore;
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
 * Opens a store of 10,000 runs on each backend and runs the first search (target at most 1 s), then
 * measures later searches on an open tracker (target at most 50 ms).
 *
 * <p>Run: {@code java -jar mlops-benchmarks/target/benchmarks.jar DatabaseOpenSearchBenchmark -f 1}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class DatabaseOpenSearchBenchmark {
  /** The backend. */
  @Param({"file", "sqlite", "postgresql"})
  public String store;

  private Path dir;
  private String uri;
  private MlopsStore warm;
  private Tracker warmTracker;

  /** Populates a store with 10,000 runs and opens a warm tracker on it. */
  @Setup(Level.Trial)
  public void populate() {
    dir = ScratchFiles.scratchDirectory("open-search");
    uri = BenchStores.fresh(store, dir);
    try (MlopsStore s = MlopsStore.open(uri)) {
      RunPopulation.populate(s.storage(), 10_000);
    }
    warm = MlopsStore.open(uri);
    warmTracker = Tracker.on(warm);
    warmTracker.searchRuns(RunPopulation.EXPERIMENT, "");
  }

  /**
   * Opens the store, searches every run, closes.
   *
   * @return how many runs the first search saw
   */
  @Benchmark
  public int openAndFirstSearch() {
    try (MlopsStore s = MlopsStore.open(uri); Tracker tracker = Tracker.on(s)) {
      return tracker.searchRuns(RunPopulation.EXPERIMENT, "").size();
    }
  }

  /**
   * A later search on an open tracker.
   *
   * @return how many runs it saw
   */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @Warmup(iterations = 1, time = 3)
  @Measurement(iterations = 3, time = 3)
  public int laterSearch() {
    return warmTracker.searchRuns(RunPopulation.EXPERIMENT, "").size();
  }

  /** Closes the warm store and deletes the scratch directory. */
  @TearDown(Level.Trial)
  public void delete() {
    warmTracker.close();
    warm.close();
    ScratchFiles.deleteRecursively(dir);
  }
}
