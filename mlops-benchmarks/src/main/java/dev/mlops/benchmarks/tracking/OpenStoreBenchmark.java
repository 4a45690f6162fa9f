package dev.mlops.benchmarks.tracking;

import dev.mlops.benchmarks.scratch.ScratchFiles;
import dev.mlops.core.MlopsStore;
import dev.mlops.core.storage.FileStorage;
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
 * Opens a file store holding 10,000 runs and makes it answer: open the storage, start a tracker, and run
 * the first search (a cold run catalog reads and decodes every run record). Target: at most 1 s. The OS
 * page cache is warm after the first iteration; the tracker's own cache is cold every time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class OpenStoreBenchmark {
  private Path dir;

  /** Populates a file store with 10,000 runs. */
  @Setup(Level.Trial)
  public void populate() throws IOException {
    dir = Files.createTempDirectory("mlops-bench-open");
    try (MlopsStore store = MlopsStore.open(FileStorage.open(dir))) {
      RunPopulation.populate(store.storage(), 10_000);
    }
  }

  /**
   * Opens, searches everything, closes.
   *
   * @return how many runs the first search saw
   */
  @Benchmark
  public int openAndFirstSearch() {
    try (MlopsStore store = MlopsStore.open(FileStorage.open(dir)); Tracker tracker = Tracker.on(store)) {
      return tracker.searchRuns(RunPopulation.EXPERIMENT, "").size();
    }
  }

  /** Deletes the store. */
  @TearDown(Level.Trial)
  public void delete() {
    ScratchFiles.deleteRecursively(dir);
  }
}
