package dev.mlops.benchmarks.tracking;

import dev.mlops.benchmarks.scratch.ScratchFiles;
import dev.mlops.core.MlopsStore;
import dev.mlops.core.spi.Storage;
import dev.mlops.core.storage.FileStorage;
import dev.mlops.core.storage.InMemoryStorage;
import dev.mlops.tracking.RunPage;
import dev.mlops.tracking.Tracker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * Searches 10,000 runs (20 params, 20 metrics each) with a three-clause filter and a two-key order-by,
 * on the in-memory and the file backend, with the tracker's run catalog warm (each search still lists the
 * experiment's records and re-decodes any that changed). Target: at most 100 ms per search.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class SearchBenchmark {
  /** The backend. */
  @Param({"mem", "file"})
  public String backend;

  private Path dir;
  private MlopsStore store;
  private Tracker tracker;

  /** Populates the store with 10,000 runs. */
  @Setup(Level.Trial)
  public void populate() throws IOException {
    Storage storage;
    if (backend.equals("file")) {
      dir = Files.createTempDirectory("mlops-bench-search");
      storage = FileStorage.open(dir);
    } else {
      storage = InMemoryStorage.create();
    }
    RunPopulation.populate(storage, 10_000);
    store = MlopsStore.open(storage);
    tracker = Tracker.on(store);
  }

  /**
   * One search: 3 clauses, 2 order-by keys, a page of 100.
   *
   * @return the page (consumed by JMH)
   */
  @Benchmark
  public RunPage search() {
    return tracker.searchRuns(RunPopulation.EXPERIMENT,
        "metrics.metric_3 > 0.5 and params.param_0 = 'linear' and tags.team = 'a'",
        List.of("metrics.metric_7 DESC", "params.param_1"), 100, null);
  }

  /** Closes and deletes the store. */
  @TearDown(Level.Trial)
  public void close() {
    tracker.close();
    store.close();
    if (dir != null) {
      ScratchFiles.deleteRecursively(dir);
    }
  }
}
