package dev.mlops.benchmarks.jdbc;

import dev.mlops.benchmarks.pairing.PairedTimes;
import dev.mlops.benchmarks.pairing.Pairing;
import dev.mlops.benchmarks.scratch.ScratchFiles;
import dev.mlops.core.MlopsStore;
import dev.mlops.core.spi.BlobInfo;
import java.io.IOException;
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
 * Publishes a 100 MiB file into each backend's blobs, paired with plain SHA-256 over the same file in
 * the same invocation ({@link Pairing}); the figure is {@code baselineNanos / subjectNanos} from
 * {@link PairedTimes}. Each put goes into a store emptied of that blob, so it pays the whole path.
 *
 * <p>Run: {@code java -jar mlops-benchmarks/target/benchmarks.jar DatabaseBlobBenchmark -f 1}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class DatabaseBlobBenchmark {
  /** The backend. */
  @Param({"file", "sqlite", "postgresql"})
  public String store;

  /** Bytes in the input file. */
  @Param({"104857600"})
  public long size;

  private Path dir;
  private Path input;
  private MlopsStore opened;
  private final byte[] buffer = new byte[1 << 20];

  /** Writes the input file and opens the store. */
  @Setup(Level.Trial)
  public void create() {
    dir = ScratchFiles.scratchDirectory("db-blobs");
    input = dir.resolve("input.bin");
    ScratchFiles.writeRandomFile(input, size, 42);
    opened = MlopsStore.open(BenchStores.fresh(store, dir));
  }

  /** Deletes the blob, so that the next put stores it again. */
  @Setup(Level.Invocation)
  public void empty() {
    opened.storage().blobs().forEach(b -> opened.storage().blobs().delete(b.digest()));
  }

  /** Closes the store and deletes the scratch directory. */
  @TearDown(Level.Trial)
  public void delete() {
    opened.close();
    ScratchFiles.deleteRecursively(dir);
  }

  private byte[] sha256() throws IOException {
    return ScratchFiles.sha256(input, buffer);
  }

  /**
   * Puts the file and hashes it plainly, timed separately into {@code times}.
   *
   * @param times where the two durations are added up
   * @return the stored blob
   */
  @Benchmark
  public BlobInfo putPaired(PairedTimes times) throws Exception {
    Pairing.Results<byte[], BlobInfo> r = Pairing.run(times, this::sha256, () -> opened.storage().blobs().put(input));
    if (!r.subject().digest().matches(r.baseline())) {
      throw new IllegalStateException("stored " + r.subject().digest() + ", the baseline hashed another digest");
    }
    return r.subject();
  }
}
