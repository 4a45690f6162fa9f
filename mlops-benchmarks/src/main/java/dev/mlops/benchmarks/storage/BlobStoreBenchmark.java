package dev.mlops.benchmarks.storage;

import dev.mlops.benchmarks.pairing.PairedTimes;
import dev.mlops.benchmarks.pairing.Pairing;
import dev.mlops.benchmarks.scratch.ScratchFiles;
import dev.mlops.core.hash.Digest;
import dev.mlops.core.spi.BlobInfo;
import dev.mlops.core.spi.Storage;
import dev.mlops.core.storage.FileStorage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
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
 * Stores a large file as a blob in the file backend and reads it back verified, next to the baseline of
 * plain {@link MessageDigest} SHA-256 over the same bytes read from the same file in the same run.
 *
 * <p>Each operation handles the whole file ({@code size} bytes, 1 GiB by default), so the score in
 * ms/op turns into throughput as {@code size / time}; the figure that matters is each benchmark's ratio
 * to {@link #messageDigestSha256}: {@code ratio = baseline ms/op / benchmark ms/op}. Every
 * {@link #put} goes into an emptied store, so each one pays the full path (hash, write, fsync, rename)
 * rather than the cheaper path of content that is already stored. The input file and the store live in a
 * scratch directory under {@code -Dmlops.bench.dir} (default {@code java.io.tmpdir}), deleted afterwards.
 *
 * <p>Run: {@code java -jar mlops-benchmarks/target/benchmarks.jar BlobStoreBenchmark -f 1 -wi 1 -i 3}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 5)
public class BlobStoreBenchmark {
  private static final int READ_BUFFER = 1 << 20;

  /** Bytes in the input file. */
  @Param({"1073741824"})
  public long size;

  private Path dir;
  private Path input;
  private Storage storage;
  private Digest digest;
  private final byte[] buffer = new byte[READ_BUFFER];

  /** Writes the input file, opens the store and stores the blob once, so {@link #openVerified} has it. */
  @Setup(Level.Trial)
  public void createFiles() throws IOException {
    dir = ScratchFiles.scratchDirectory("blobs");
    input = dir.resolve("input.bin");
    ScratchFiles.writeRandomFile(input, size, 42);
    storage = FileStorage.open(dir.resolve("store"));
    try (InputStream in = Files.newInputStream(input)) {
      BlobInfo info = storage.blobs().put(in);
      if (info.size() != size) {
        throw new IllegalStateException("stored " + info.size() + " bytes of " + size);
      }
      digest = info.digest();
    }
  }

  /** Closes the store and deletes the scratch directory. */
  @TearDown(Level.Trial)
  public void deleteFiles() {
    storage.close();
    ScratchFiles.deleteRecursively(dir);
  }

  /**
   * The baseline: reads the input file with a 1 MiB buffer and hashes it with {@link MessageDigest}.
   *
   * @return the digest bytes
   */
  @Benchmark
  public byte[] messageDigestSha256() throws IOException, NoSuchAlgorithmException {
    return ScratchFiles.sha256(input, buffer);
  }

  /**
   * {@link #put} and the baseline back to back in one invocation, timed separately into
   * {@link PairedTimes}: on a loaded machine the load drifts between benchmarks run one after the
   * other, and pairing keeps both measurements in the same few seconds. The ratio is
   * {@code baselineNanos / subjectNanos}.
   *
   * @param target the emptied store to put into
   * @param times where the two durations are added up
   * @return the stored blob's description
   */
  @Benchmark
  public BlobInfo putPaired(EmptyStore target, PairedTimes times) throws Exception {
    return checked(Pairing.run(times, this::messageDigestSha256, () -> put(target)));
  }

  /**
   * {@link #putFile} and the baseline back to back in one invocation, timed separately into
   * {@link PairedTimes} (see {@link #putPaired}).
   *
   * @param target the emptied store to put into
   * @param times where the two durations are added up
   * @return the stored blob's description
   */
  @Benchmark
  public BlobInfo putFilePaired(EmptyStore target, PairedTimes times) throws Exception {
    return checked(Pairing.run(times, this::messageDigestSha256, () -> putFile(target)));
  }

  private static BlobInfo checked(Pairing.Results<byte[], BlobInfo> r) {
    if (!r.subject().digest().matches(r.baseline())) {
      throw new IllegalStateException("put stored " + r.subject().digest()
          + ", the baseline hashed another digest");
    }
    return r.subject();
  }

  /**
   * {@link #openVerified} and the baseline back to back in one invocation, timed separately into
   * {@link PairedTimes} (see {@link #putPaired}).
   *
   * @param times where the two durations are added up
   * @return the number of bytes read
   */
  @Benchmark
  public long openVerifiedPaired(PairedTimes times) throws Exception {
    Pairing.Results<byte[], Long> r = Pairing.run(times, this::messageDigestSha256, this::openVerified);
    if (!digest.matches(r.baseline())) {
      throw new IllegalStateException("the baseline hashed another digest than " + digest);
    }
    return r.subject();
  }

  /**
   * Stores the input file as a blob from a stream: hashed while copied, fsynced, renamed into place.
   *
   * @return the stored blob's description
   */
  @Benchmark
  public BlobInfo put(EmptyStore target) throws IOException {
    try (InputStream in = Files.newInputStream(input)) {
      return target.storage.blobs().put(in);
    }
  }

  /**
   * Stores the input file as a blob through {@code put(Path)}: read into direct buffers, hashed and
   * written from them, fsynced, renamed into place.
   *
   * @param target the emptied store to put into
   * @return the stored blob's description
   */
  @Benchmark
  public BlobInfo putFile(EmptyStore target) {
    return target.storage.blobs().put(input);
  }

  /**
   * Reads the blob back to its end through the verifying stream, with the baseline's 1 MiB buffer.
   *
   * @return the number of bytes read
   */
  @Benchmark
  public long openVerified() throws IOException {
    long total = 0;
    try (InputStream in = storage.blobs().open(digest)) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        total += n;
      }
    }
    if (total != size) {
      throw new IllegalStateException("read " + total + " bytes of " + size);
    }
    return total;
  }

  /** A second store that {@link #put} writes into, emptied before every invocation. */
  @State(Scope.Thread)
  public static class EmptyStore {
    private Path dir;
    private Storage storage;

    /** Opens the store in its own scratch directory. */
    @Setup(Level.Trial)
    public void open() {
      dir = ScratchFiles.scratchDirectory("put");
      storage = FileStorage.open(dir);
    }

    /**
     * Deletes what the last put stored, so the next one stores its blob anew, and lets the disk finish
     * trimming the freed blocks (see {@link ScratchFiles#settleAfterDelete()}).
     */
    @Setup(Level.Invocation)
    public void empty() {
      List<BlobInfo> stored = new ArrayList<>();
      storage.blobs().forEach(stored::add);
      stored.forEach(b -> storage.blobs().delete(b.digest()));
      if (!stored.isEmpty()) {
        ScratchFiles.settleAfterDelete();
      }
    }

    /** Closes the store and deletes its directory. */
    @TearDown(Level.Trial)
    public void close() {
      storage.close();
      ScratchFiles.deleteRecursively(dir);
    }
  }
}
