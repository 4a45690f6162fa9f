package dev.mlops.benchmarks.scratch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Scratch directories and random input files for every benchmark, on local disk, never in the repo.
 * Stateless; thread-safe.
 */
public final class ScratchFiles {
  /** System property naming the parent of the scratch directories; defaults to {@code java.io.tmpdir}. */
  public static final String DIR_PROPERTY = "mlops.bench.dir";
  /** System property: milliseconds {@link #settleAfterDelete()} waits; defaults to 2000. */
  public static final String SETTLE_PROPERTY = "mlops.bench.settleMillis";

  private ScratchFiles() {}

  /**
   * Creates a fresh scratch directory under {@code mlops.bench.dir} (default: {@code java.io.tmpdir}).
   *
   * @param purpose a word for the directory name
   * @return the new, empty directory
   */
  public static Path scratchDirectory(String purpose) {
    Path parent = Path.of(System.getProperty(DIR_PROPERTY, System.getProperty("java.io.tmpdir")));
    try {
      return Files.createTempDirectory(parent, "mlops-bench-" + purpose + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The baseline of the blob benchmarks: reads a file with the given buffer and hashes it with a plain
   * {@link MessageDigest}.
   *
   * @param file the file
   * @param buffer the read buffer (1 MiB in the benchmarks)
   * @return the SHA-256 digest bytes
   * @throws IOException if reading fails
   */
  public static byte[] sha256(Path file, byte[] buffer) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        sha.update(buffer, 0, n);
      }
    }
    return sha.digest();
  }

  /**
   * Writes {@code size} pseudo-random bytes (seeded, so every run stores the same content) and fsyncs them.
   *
   * @param file the new file
   * @param size how many bytes
   * @param seed the seed of the bytes
   */
  public static void writeRandomFile(Path file, long size, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    ByteBuffer chunk = ByteBuffer.allocateDirect(4 << 20);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      long left = size;
      while (left > 0) {
        chunk.clear();
        while (chunk.remaining() >= Long.BYTES) {
          chunk.putLong(random.nextLong());
        }
        chunk.flip().limit((int) Math.min(chunk.limit(), left));
        left -= chunk.remaining();
        while (chunk.hasRemaining()) {
          ch.write(chunk);
        }
      }
      ch.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Waits for the disk to finish with a large deletion before the next measurement starts: on the
   * development machine (a virtual disk, the file system mounted with {@code discard}) the host trims
   * freed blocks in the background after the file system has committed the deletion, and a 1 GiB put
   * started right after a 1 GiB blob was deleted took 2.6 s, against 0.82-0.87 s when 0.7 s had passed.
   * Called in untimed setup only; {@code -Dmlops.bench.settleMillis} changes the wait (0 turns it off).
   */
  public static void settleAfterDelete() {
    long millis = Long.getLong(SETTLE_PROPERTY, 2000);
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the disk to settle", e);
    }
  }

  /**
   * Deletes a scratch directory and everything in it, then fsyncs its parent, so that the file system has
   * committed the deletion (and, on a disk mounted with {@code discard}, trimmed the freed blocks) before
   * the next measurement rather than during it; nothing happens if it does not exist.
   *
   * @param dir the directory
   */
  public static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
      Path parent = dir.toAbsolutePath().getParent();
      if (parent != null) {
        try (FileChannel ch = FileChannel.open(parent, StandardOpenOption.READ)) {
          ch.force(true);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
