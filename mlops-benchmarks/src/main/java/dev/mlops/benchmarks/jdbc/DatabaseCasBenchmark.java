package dev.mlops.benchmarks.jdbc;

import dev.mlops.benchmarks.scratch.ScratchFiles;
import dev.mlops.core.MlopsStore;
import dev.mlops.core.spi.RecordStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Record compare-and-set throughput, each thread updating its own record (the durable write path, not
 * contention), from one thread and from eight, on each backend. Targets on local PostgreSQL: at least
 * 1,500/s from one thread and 5,000/s from eight; SQLite at least 1,000/s.
 *
 * <p>Run: {@code java -jar mlops-benchmarks/target/benchmarks.jar DatabaseCasBenchmark -f 1 -wi 1 -i 3}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 3, time = 5)
public class DatabaseCasBenchmark {
  /** The backend. */
  @Param({"file", "sqlite", "postgresql"})
  public String store;

  private Path dir;
  private MlopsStore opened;
  private final AtomicInteger threads = new AtomicInteger();

  /** Opens a fresh store. */
  @Setup(Level.Trial)
  public void open() {
    dir = ScratchFiles.scratchDirectory("cas");
    opened = MlopsStore.open(BenchStores.fresh(store, dir));
  }

  /** Closes the store and deletes its scratch directory. */
  @TearDown(Level.Trial)
  public void close() {
    opened.close();
    ScratchFiles.deleteRecursively(dir);
  }

  /** One thread's record and the version it last wrote. */
  @State(Scope.Thread)
  public static class Counter {
    String key;
    long version;

    /**
     * Creates the thread's record.
     *
     * @param bench the shared store
     */
    @Setup(Level.Trial)
    public void create(DatabaseCasBenchmark bench) {
      key = "counters/" + bench.threads.incrementAndGet();
      bench.opened.storage().records().create(key, "0".getBytes(StandardCharsets.UTF_8));
      version = 1;
    }
  }

  private boolean cas(Counter c) {
    RecordStore records = opened.storage().records();
    if (!records.compareAndSet(c.key, c.version, String.valueOf(c.version).getBytes(StandardCharsets.UTF_8))) {
      throw new IllegalStateException("lost a compare-and-set on " + c.key + " at version " + c.version);
    }
    c.version++;
    return true;
  }

  /**
   * One compare-and-set from one thread.
   *
   * @param c the thread's record
   * @return true
   */
  @Benchmark
  @Threads(1)
  public boolean casOneThread(Counter c) {
    return cas(c);
  }

  /**
   * One compare-and-set from each of eight threads.
   *
   * @param c the thread's record
   * @return true
   */
  @Benchmark
  @Threads(8)
  public boolean casEightThreads(Counter c) {
    return cas(c);
  }
}
