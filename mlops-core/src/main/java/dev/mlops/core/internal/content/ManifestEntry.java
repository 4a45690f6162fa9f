package dev.mlops.core.internal.content;

import dev.mlops.core.InvalidInputException;
import dev.mlops.core.hash.Digest;
import java.util.Objects;

/**
 * One file of a directory manifest.
 *
 * @param path the relative path with {@code /} separators, checked by {@link RelativePaths#check}
 * @param digest the SHA-256 of the file's bytes
 * @param size the file's length in bytes
 * @param executable whether the owner may execute the file (the only permission that is recorded)
 */
public record ManifestEntry(String path, Digest digest, long size, boolean executable) {
  /**
   * Checks the components.
   *
   * @throws InvalidInputException if the path is invalid or the size negative
   */
  public ManifestEntry {
    RelativePaths.check(Objects.requireNonNull(path, "path"));
    Objects.requireNonNull(digest, "digest");
    if (size < 0) {
      throw new InvalidInputException("negative size " + size + " for manifest entry " + path);
    }
  }
}
