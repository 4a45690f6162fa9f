package dev.mlops.core.artifact;

import java.time.Duration;
import java.util.Objects;

/**
 * What a garbage collection found and removed (or, in a dry run, would remove).
 *
 * @param dryRun true if nothing was deleted
 * @param gracePeriod unreferenced blobs written more recently than this were kept
 * @param blobsScanned how many blobs the store held
 * @param blobsLive how many were referenced by a version that is not purged
 * @param blobsInGrace how many were unreferenced but too recent to sweep
 * @param blobsSwept how many were deleted (would be deleted, in a dry run)
 * @param bytesSwept their total size in bytes
 */
public record GarbageCollectionReport(boolean dryRun, Duration gracePeriod, long blobsScanned, long blobsLive,
    long blobsInGrace, long blobsSwept, long bytesSwept) {
  /**
   * Checks the components.
   *
   * @param dryRun true if nothing was deleted
   * @param gracePeriod unreferenced blobs written more recently than this were kept
   * @param blobsScanned how many blobs the store held
   * @param blobsLive how many were referenced by a version that is not purged
   * @param blobsInGrace how many were unreferenced but too recent to sweep
   * @param blobsSwept how many were deleted (would be deleted, in a dry run)
   * @param bytesSwept their total size in bytes
   */
  public GarbageCollectionReport {
    Objects.requireNonNull(gracePeriod, "gracePeriod");
  }
}
