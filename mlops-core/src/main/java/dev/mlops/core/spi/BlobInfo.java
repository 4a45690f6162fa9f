package dev.mlops.core.spi;

import dev.mlops.core.hash.Digest;
import java.time.Instant;
import java.util.Objects;

/**
 * What a {@link BlobStore} knows about one stored blob.
 *
 * @param digest the blob's SHA-256 digest, which is also its address
 * @param size its length in bytes
 * @param lastWritten when it was last written or re-put (a put of existing content refreshes it, so a
 *     garbage collector's grace period protects blobs that a publish is about to reference)
 */
public record BlobInfo(Digest digest, long size, Instant lastWritten) {
  /**
   * Checks the components.
   *
   * @param digest the blob's SHA-256 digest, which is also its address
   * @param size its length in bytes
   * @param lastWritten when it was last written or re-put (a put of existing content refreshes it, so a
   *     garbage collector's grace period protects blobs that a publish is about to reference)
   */
  public BlobInfo {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(lastWritten, "lastWritten");
    if (size < 0) {
      throw new IllegalArgumentException("blob size must be >= 0, got " + size);
    }
  }
}
