package dev.mlops.benchmarks.tracking;

import dev.mlops.benchmarks.scratch.ScratchFiles;
import dev.mlops.core.MlopsStore;
import dev.mlops.core.storage.FileStorage;
import dev.mlops.tracking.Run;
import dev.mlops.tracking.Tracker;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Creates small runs on a file store, each durable when its {@code finish()} returns: start, 2 params, 2
 * metrics, 1 tag, finish, close (the shape of issue 16's measurement, 10,000 runs in 2.9-3.6 ms each).
 * One experiment, a new store per trial, runs accumulating over the iterations (a few thousand per
 * trial). Target: at most 1 ms per run. Measured with 1 thread (runs one after another) and with 8
 * threads (runs created at once, as a sweep does, so closes share the writer's rounds and their fsyncs).
 *
 * <p>Baseline in the same run: {@link #overwriteAndFdatasync()}, a plain loop that overwrites one 4 KiB
 * block and calls {@code fdatasync}, the cheapest durable write there is; a run's time divided by it is
 * the number of sequential fsyncs a run costs (on the file store's journal, two: its start and its close).
 * Rerun: {@code java -jar mlops-benchmarks/target/benchmarks.jar RunCreationBenchmark -f 1 -wi 3 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class RunCreationBenchmark {
  private Path dir;
  private MlopsStore store;
  private Tracker tracker;
  private FileChannel blocks;
  private final AtomicLong runs = new AtomicLong();

  /** Opens a new file store and a tracker, and a file for the fsync baseline. */
  @Setup(Level.Trial)
  public void open() throws IOException {
    dir = ScratchFiles.scratchDirectory("runs");
    store = MlopsStore.open(FileStorage.open(dir.resolve("store")));
    tracker = Tracker.on(store);
    blocks = FileChannel.open(dir.resolve("blocks"), StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    blocks.write(ByteBuffer.allocate(2 * 4096), 0);
    blocks.force(true);
  }

  /** Closes everything and deletes the directory. */
  @TearDown(Level.Trial)
  public void close() throws IOException {
    tracker.close();
    store.close();
    blocks.close();
    ScratchFiles.deleteRecursively(dir);
  }

  /**
   * One small run, durable on return; runs one after another.
   *
   * @return the run's id
   */
  @Benchmark
  @Threads(1)
  public String smallRunOneThread() {
    return smallRun();
  }

  /**
   * One small run, durable on return; eight threads create runs at once.
   *
   * @return the run's id
   */
  @Benchmark
  @Threads(8)
  public String smallRunEightThreads() {
    return smallRun();
  }

  private String smallRun() {
    long n = runs.incrementAndGet();
    try (Run run = tracker.startRun("bench", "small-" + n)) {
      run.logParam("lr", 0.1);
      run.logParam("n", n);
      run.logMetric("acc", 0.5, 1);
      run.logMetric("loss", 0.25, 1);
      run.setTag("team", "a");
      run.finish();
      return run.id();
    }
  }

  /**
   * The baseline: overwrites a 4 KiB block (alternating between two) and waits until it is on the device.
   *
   * @return the block's first long
   */
  @Benchmark
  @Threads(1)
  public long overwriteAndFdatasync() throws IOException {
    long n = runs.incrementAndGet();
    ByteBuffer block = ByteBuffer.allocate(4096).putLong(0, n);
    blocks.write(block, (n & 1) * 4096L);
    blocks.force(false);
    return n;
  }
}
