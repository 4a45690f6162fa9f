package dev.mlops.core.internal.content;

import dev.mlops.core.hash.Digest;
import java.util.Objects;

/**
 * The SHA-256 digest and byte count of some content.
 *
 * @param digest the digest of the bytes
 * @param size how many bytes were hashed, never negative
 */
public record HashedContent(Digest digest, long size) {
  /**
   * Checks the components.
   *
   * @throws IllegalArgumentException if {@code size} is negative
   */
  public HashedContent {
    Objects.requireNonNull(digest, "digest");
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative: " + size);
    }
  }
}
