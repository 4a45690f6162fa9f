package dev.mlops.benchmarks.fingerprint;

import dev.mlops.core.fingerprint.Fingerprint;
import dev.mlops.core.hash.Digest;
import dev.mlops.core.internal.content.StatCache;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Fingerprinting a 1 GiB data directory (16 files of 64 MiB under {@code /tmp}) against plain
 * {@link MessageDigest} SHA-256 over the same bytes, and fingerprinting the unchanged directory again
 * through the stat cache. Targets: {@code plainSha256 / fingerprintColdCache >= 0.8} (as throughput
 * ratio) and {@code fingerprintUnchangedThroughStatCache <= 50 ms}.
 *
 * <p>Run: {@code java -jar mlops-benchmarks/target/benchmarks.jar FingerprintBenchmark}. The data is
 * generated once and reused by later runs (its file times are set an hour back so the stat cache's
 * racily-clean guard does not apply).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class FingerprintBenchmark {
  private static final int FILE_SIZE = 64 << 20;

  /** Total data size in MiB. */
  @Param("1024")
  public int megabytes;

  private Path dir;
  private List<Path> files;

  /**
   * Creates (or reuses) the data directory and warms the page cache.
   *
   * @throws IOException if the data cannot be written
   */
  @Setup(Level.Trial)
  public void createData() throws IOException {
    dir = Path.of(System.getProperty("java.io.tmpdir"), "mlops-fingerprint-bench-" + megabytes + "m");
    Files.createDirectories(dir);
    int count = Math.max(1, (int) ((long) megabytes << 20) / FILE_SIZE);
    int size = (int) Math.min(FILE_SIZE, (long) megabytes << 20);
    FileTime old = FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS));
    SplittableRandom random = new SplittableRandom(1);
    byte[] chunk = new byte[1 << 20];
    for (int i = 0; i < count; i++) {
      Path file = dir.resolve(String.format("part-%03d.bin", i));
      if (!Files.exists(file) || Files.size(file) != size) {
        try (OutputStream out = Files.newOutputStream(file)) {
          for (int written = 0; written < size; written += chunk.length) {
            for (int j = 0; j < chunk.length; j += 8) {
              long v = random.nextLong();
              for (int k = 0; k < 8; k++) {
                chunk[j + k] = (byte) (v >>> (8 * k));
              }
            }
            out.write(chunk, 0, Math.min(chunk.length, size - written));
          }
        }
      }
      Files.setLastModifiedTime(file, old);
    }
    try (Stream<Path> list = Files.list(dir)) {
      files = list.sorted().toList();
    }
    plainSha256();
  }

  /** State for the cold benchmark: the process-wide stat cache is emptied before each call. */
  @State(Scope.Benchmark)
  public static class Cold {
    /** Empties the process-wide stat cache so that every byte is read and hashed. */
    @Setup(Level.Invocation)
    public void forgetStats() {
      StatCache.shared().clear();
    }
  }

  /**
   * The baseline: one {@link MessageDigest} per file, files one after another.
   *
   * @return the digest of the last file
   * @throws IOException if reading fails
   */
  @Benchmark
  public byte[] plainSha256() throws IOException {
    byte[] buffer = new byte[1 << 16];
    byte[] last = new byte[0];
    for (Path file : files) {
      MessageDigest sha = Digest.newSha256();
      try (InputStream in = Files.newInputStream(file)) {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          sha.update(buffer, 0, n);
        }
      }
      last = sha.digest();
    }
    return last;
  }

  /**
   * Fingerprints the directory with an empty stat cache: every byte is hashed.
   *
   * @param cold the state that empties the cache
   * @return the fingerprint id
   */
  @Benchmark
  public String fingerprintColdCache(Cold cold) {
    return fingerprint();
  }

  private String fingerprint() {
    return Fingerprint.builder().data("train", dir).config(java.util.Map.of("lr", 0.1)).seed(1).build().id();
  }

  /** State for the warm benchmark: the cache is filled once and kept. */
  @State(Scope.Benchmark)
  public static class Warm {
    /**
     * Fills the stat cache.
     *
     * @param bench the main state with the data directory
     */
    @Setup(Level.Trial)
    public void fill(FingerprintBenchmark bench) {
      bench.fingerprint();
    }
  }

  /**
   * Fingerprints the unchanged directory again: only stat calls, no hashing.
   *
   * @param warm the warm-cache state
   * @return the fingerprint id
   */
  @Benchmark
  public String fingerprintUnchangedThroughStatCache(Warm warm) {
    return fingerprint();
  }
}
