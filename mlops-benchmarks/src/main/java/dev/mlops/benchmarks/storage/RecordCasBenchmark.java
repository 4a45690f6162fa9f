package dev.mlops.benchmarks.storage;

import dev.mlops.benchmarks.scratch.ScratchFiles;
import dev.mlops.core.spi.RecordStore;
import dev.mlops.core.spi.Storage;
import dev.mlops.core.spi.StoredRecord;
import dev.mlops.core.storage.FileStorage;
import dev.mlops.core.storage.InMemoryStorage;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
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
 * Durable compare-and-set increments per second: each operation reads a counter record and writes it
 * back incremented with {@link RecordStore#compareAndSet}, retrying when another thread won, so the
 * score counts successful (durable, on the file backend) increments.
 *
 * <p>{@code backend=file} is the embedded file store (temp file, fsync, rename, directory fsync under a
 * stripe lock) in a scratch directory under {@code -Dmlops.bench.dir} (default {@code java.io.tmpdir});
 * {@code backend=mem} is the in-memory store, as the reference of what the code costs without disk.
 * With two threads the score is the sum over both; {@code sharedKey} methods contend on one record,
 * {@code ownKeys} gives each thread its own record.
 *
 * <p>Run: {@code java -jar mlops-benchmarks/target/benchmarks.jar RecordCasBenchmark -f 1 -wi 1 -i 3}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 3)
public class RecordCasBenchmark {
  private static final String SHARED_KEY = "bench/counter";

  /** Which backend: {@code file} or {@code mem}. */
  @Param({"file", "mem"})
  public String backend;

  private @Nullable Path dir;
  private Storage storage;

  /** Opens the backend. */
  @Setup(Level.Trial)
  public void open() {
    if (backend.equals("file")) {
      dir = ScratchFiles.scratchDirectory("cas");
      storage = FileStorage.open(dir);
    } else {
      storage = InMemoryStorage.create();
    }
  }

  /** Closes the backend and deletes its directory. */
  @TearDown(Level.Trial)
  public void close() {
    storage.close();
    if (dir != null) {
      ScratchFiles.deleteRecursively(dir);
    }
  }

  /** The record key of one benchmark thread. */
  @State(Scope.Thread)
  public static class OwnKey {
    private static final AtomicInteger NEXT = new AtomicInteger();
    private final String key = "bench/counter-" + NEXT.incrementAndGet();
  }

  /**
   * One thread increments one record.
   *
   * @return the value written
   */
  @Benchmark
  @Threads(1)
  public long sharedKey1Thread() {
    return increment(storage.records(), SHARED_KEY);
  }

  /**
   * Two threads increment the same record, contending on its lock and its version.
   *
   * @return the value written
   */
  @Benchmark
  @Threads(2)
  public long sharedKey2Threads() {
    return increment(storage.records(), SHARED_KEY);
  }

  /**
   * Two threads increment a record each.
   *
   * @param own this thread's record key
   * @return the value written
   */
  @Benchmark
  @Threads(2)
  public long ownKeys2Threads(OwnKey own) {
    return increment(storage.records(), own.key);
  }

  static long increment(RecordStore records, String key) {
    while (true) {
      Optional<StoredRecord> current = records.get(key);
      long version = current.map(StoredRecord::version).orElse(0L);
      long next = current.map(r -> ByteBuffer.wrap(r.value()).getLong()).orElse(0L) + 1;
      if (records.compareAndSet(key, version, ByteBuffer.allocate(Long.BYTES).putLong(next).array())) {
        return next;
      }
    }
  }
}
