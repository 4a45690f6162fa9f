package dev.mlops.core.internal.artifact;

import dev.mlops.core.hash.Digest;
import dev.mlops.core.spi.BlobInfo;
import org.jspecify.annotations.Nullable;

/**
 * Content whose blobs are all stored and fresh, ready to be referenced by a version record.
 *
 * @param digest the version digest (of the bytes, or the canonical manifest digest)
 * @param size the total size in bytes
 * @param directory whether it is a directory tree
 * @param fileCount the number of files
 * @param manifestBlob for a directory, the blob holding the manifest
 */
record StoredContent(Digest digest, long size, boolean directory, int fileCount, @Nullable Digest manifestBlob) {
  static StoredContent file(BlobInfo blob) {
    return new StoredContent(blob.digest(), blob.size(), false, 1, null);
  }
}
