package dev.mlops.core.internal.content;

import dev.mlops.core.StorageException;
import dev.mlops.core.hash.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Set;

/**
 * Streaming SHA-256 of files and streams: every byte is read once, and hashed as it passes (optionally
 * while being copied). An I/O error fails the call; a partial hash is never returned. Thread-safe: file
 * hashing reuses a per-thread buffer and message digest (reset before each use, never shared between
 * threads); stream hashing allocates its own.
 */
public final class ContentHashes {
  /** Large enough to amortize system calls, small enough to stay in cache-friendly territory. */
  static final int BUFFER_SIZE = 1 << 16;

  /** The options every file is opened with, made once (building the set per file showed in profiles). */
  private static final Set<OpenOption> READ_NO_FOLLOW = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);

  private ContentHashes() {}

  /**
   * This thread's reusable message digest and read buffer, so hashing many small files allocates
   * neither a 64 KiB buffer nor a {@link MessageDigest} per file. Used only for the duration of one
   * call on the owning thread, and reset before each use.
   */
  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private static final class Scratch {
    final MessageDigest sha = Digest.newSha256();
    final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE);
  }

  /**
   * Hashes a regular file, failing if it changes while it is read.
   *
   * @param file the file; a symbolic link is not followed
   * @return its digest and size
   * @throws StorageException if the file cannot be read, is not a regular file, or changes while it is
   *     being hashed
   */
  public static HashedContent hashFile(Path file) {
    TreeFile walked = TreeFile.stat(file, file.toString());
    HashedContent hashed;
    try {
      hashed = hashRegularFile(file, walked.size());
    } catch (IOException | UncheckedIOException e) {
      throw new StorageException("cannot hash " + file + ": " + e.getMessage(), e);
    }
    walked.requireUnchanged(hashed.size());
    return hashed;
  }

  /**
   * Hashes a file the caller has stat'ed as a regular file of {@code expected} bytes, with this thread's
   * reusable digest and buffer: one open, the reads and one close. A file smaller than the buffer takes a
   * single read: a short read that reaches the expected size is the end of the file, so no read is spent
   * on finding the end. The caller checks afterwards that the file did not change (the size read is
   * returned; see {@link TreeFile#requireUnchanged(long)}).
   *
   * @param file the file; a symbolic link is not followed
   * @param expected the size the caller saw before hashing
   * @return the digest and count of the bytes read
   * @throws IOException if opening or reading fails
   */
  static HashedContent hashRegularFile(Path file, long expected) throws IOException {
    Scratch scratch = SCRATCH.get();
    MessageDigest sha = scratch.sha;
    ByteBuffer buffer = scratch.buffer;
    sha.reset();
    long total = 0;
    try (FileChannel ch = FileChannel.open(file, READ_NO_FOLLOW)) {
      while (true) {
        int n = ch.read(buffer.clear());
        if (n < 0) {
          break;
        }
        sha.update(buffer.array(), 0, n);
        total += n;
        if (n < buffer.capacity() && total >= expected) {
          break;
        }
      }
    }
    return new HashedContent(Digest.finish(sha), total);
  }

  /**
   * Reads a whole file into the start of {@code buffer}, in a single read when the file is smaller than
   * the buffer (see {@link #hashRegularFile}); reading stops when the buffer is full.
   *
   * @param file the file; a symbolic link is not followed
   * @param expected the size the caller saw before reading
   * @param buffer where the bytes go; make it longer than {@code expected} so that a file that grew is
   *     seen to hold more
   * @return the number of bytes read, more than {@code expected} if the file grew
   * @throws IOException if opening or reading fails
   */
  public static int readWhole(Path file, long expected, byte[] buffer) throws IOException {
    ByteBuffer into = ByteBuffer.wrap(buffer);
    try (FileChannel ch = FileChannel.open(file, READ_NO_FOLLOW)) {
      while (into.hasRemaining()) {
        int before = into.position();
        int n = ch.read(into);
        if (n < 0 || (into.position() >= expected && n < buffer.length - before)) {
          break;
        }
      }
    }
    return into.position();
  }

  /**
   * Hashes a stream to its end; the caller closes it.
   *
   * @param in the bytes
   * @return their digest and count
   * @throws IOException if reading fails
   */
  public static HashedContent hash(InputStream in) throws IOException {
    return copy(in, OutputStream.nullOutputStream());
  }

  /**
   * Copies a stream to another while hashing it, reading each byte once; the caller closes both.
   *
   * @param in the source
   * @param out the destination
   * @return the digest and count of the bytes copied
   * @throws IOException if reading or writing fails
   */
  public static HashedContent copy(InputStream in, OutputStream out) throws IOException {
    MessageDigest sha = Digest.newSha256();
    byte[] buffer = new byte[BUFFER_SIZE];
    long total = 0;
    int n;
    while ((n = in.read(buffer)) >= 0) {
      sha.update(buffer, 0, n);
      out.write(buffer, 0, n);
      total += n;
    }
    return new HashedContent(Digest.finish(sha), total);
  }
}
