package dev.mlops.benchmarks.tracking;

import dev.mlops.benchmarks.scratch.ScratchFiles;
import dev.mlops.core.MlopsStore;
import dev.mlops.core.spi.Storage;
import dev.mlops.core.spi.StoredRecord;
import dev.mlops.core.storage.FileStorage;
import dev.mlops.tracking.Tracker;
import dev.mlops.tracking.internal.store.RunDocument;
import dev.mlops.tracking.internal.store.TrackingJson;
import dev.mlops.tracking.internal.store.TrackingLayout;
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
 * the first search over every run. Data: one experiment, 10,000 finished runs, each with 20 params, 20
 * metrics and 1 tag (about 1.3 KB of JSON per run record; see {@link RunPopulation}). The setup opens the
 * store once, so the run catalog's checkpoint exists, as it does for any store that was searched before.
 * Target (issue 16): at most 300 ms.
 *
 * <p>Baseline in the same run: {@link #readEveryRunRecord()}, a plain loop that opens the storage, lists
 * the experiment's run records and decodes each one, which is what a catalog without a checkpoint does.
 * The OS page cache is warm after the first iteration; the tracker's own cache is cold every time.
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
    openAndFirstSearch(); // the first search lists every record and writes the checkpoint
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

  /**
   * The baseline: opens the storage and reads and decodes every run record in a plain loop.
   *
   * @return how many runs were read
   */
  @Benchmark
  public int readEveryRunRecord() {
    Storage storage = FileStorage.open(dir);
    try {
      int n = 0;
      String prefix = TrackingLayout.runsPrefix("e".repeat(32));
      for (String key : storage.records().listKeys(prefix)) {
        StoredRecord r = storage.records().get(key).orElseThrow();
        n += TrackingJson.read(key, r.value(), RunDocument.class).params().size() > 0 ? 1 : 0;
      }
      return n;
    } finally {
      storage.close();
    }
  }

  /** Deletes the store. */
  @TearDown(Level.Trial)
  public void delete() {
    ScratchFiles.deleteRecursively(dir);
  }
}
