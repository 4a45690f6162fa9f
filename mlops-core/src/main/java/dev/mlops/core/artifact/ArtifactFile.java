package dev.mlops.core.artifact;

import dev.mlops.core.hash.Digest;
import java.util.Objects;

/**
 * One file of a directory artifact as its manifest records it.
 *
 * @param path the path relative to the artifact root, with {@code /} separators
 * @param digest the SHA-256 digest of the file's bytes
 * @param size the file's length in bytes
 * @param executable whether the file carries the owner-executable bit
 */
public record ArtifactFile(String path, Digest digest, long size, boolean executable) {
  /**
   * Checks the components.
   *
   * @param path the path relative to the artifact root, with {@code /} separators
   * @param digest the SHA-256 digest of the file's bytes
   * @param size the file's length in bytes
   * @param executable whether the file carries the owner-executable bit
   */
  public ArtifactFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(digest, "digest");
    if (size < 0) {
      throw new IllegalArgumentException("size must be >= 0, got " + size);
    }
  }
}
