package dev.mlops.core.internal.content;

import dev.mlops.core.StorageException;
import dev.mlops.core.hash.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;

/**
 * Streaming SHA-256 of files and streams: every byte is read once, and hashed as it passes (optionally
 * while being copied). An I/O error fails the call; a partial hash is never returned. Thread-safe: file
 * hashing reuses a per-thread buffer and message digest (reset before each use, never shared between
 * threads); stream hashing allocates its own.
 */
public final class ContentHashes {
  /** Large enough to amortize system calls, small enough to stay in cache-friendly territory. */
  static final int BUFFER_SIZE = 1 << 16;

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
   * Hashes a regular file.
   *
   * @param file the file; a symbolic link is not followed
   * @return its digest and size
   * @throws StorageException if the file cannot be read, is not a regular file, or its size changes while
   *     it is being hashed
   */
  public static HashedContent hashFile(Path file) {
    try {
      BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class,
          LinkOption.NOFOLLOW_LINKS);
      if (!attrs.isRegularFile()) {
        throw new StorageException("cannot hash " + file + ": not a regular file");
      }
      return hashRegularFile(file, attrs.size());
    } catch (IOException | UncheckedIOException e) {
      throw new StorageException("cannot hash " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Hashes a file the caller has already found to be a regular file of {@code expected} bytes, with
   * this thread's reusable digest and buffer: one open, the reads, one {@code fstat} and one close.
   *
   * @param file the file; a symbolic link is not followed
   * @param expected the size the caller saw before hashing
   * @return its digest and size
   * @throws IOException if opening or reading fails
   * @throws StorageException if the size read or the size after reading differs from {@code expected}
   */
  static HashedContent hashRegularFile(Path file, long expected) throws IOException {
    Scratch scratch = SCRATCH.get();
    MessageDigest sha = scratch.sha;
    ByteBuffer buffer = scratch.buffer;
    sha.reset();
    long total = 0;
    long after;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      int n;
      while ((n = ch.read(buffer.clear())) >= 0) {
        sha.update(buffer.array(), 0, n);
        total += n;
      }
      after = ch.size();
    }
    if (total != expected || after != expected) {
      throw new StorageException(
          "file " + file + " changed while it was being hashed (" + expected + " bytes expected, "
              + total + " read); hash it again once it is no longer written");
    }
    return new HashedContent(Digest.finish(sha), total);
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
