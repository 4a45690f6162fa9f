package dev.mlops.core.internal.content;

import dev.mlops.core.StorageException;
import dev.mlops.core.hash.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * Streaming SHA-256 of files and streams: every byte is read once, and hashed as it passes (optionally
 * while being copied). An I/O error fails the call; a partial hash is never returned. Stateless and
 * thread-safe; each call uses its own buffer and message digest.
 */
public final class ContentHashes {
  /** Large enough to amortize system calls, small enough to stay in cache-friendly territory. */
  static final int BUFFER_SIZE = 1 << 16;

  private ContentHashes() {}

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
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        throw new StorageException("cannot hash " + file + ": not a regular file");
      }
      long expected = Files.size(file);
      HashedContent hashed;
      try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
        hashed = hash(in);
      }
      if (hashed.size() != expected || Files.size(file) != expected) {
        throw new StorageException(
            "file " + file + " changed while it was being hashed (" + expected + " bytes expected, "
                + hashed.size() + " read); hash it again once it is no longer written");
      }
      return hashed;
    } catch (IOException | UncheckedIOException e) {
      throw new StorageException("cannot hash " + file + ": " + e.getMessage(), e);
    }
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
