package dev.mlops.core.internal.artifact;

import dev.mlops.core.artifact.GarbageCollectionReport;
import dev.mlops.core.hash.Digest;
import dev.mlops.core.spi.BlobInfo;
import dev.mlops.core.spi.BlobStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The sweep phase of garbage collection: deletes every blob that is not in the marked set and was last
 * written before a cutoff (the mark start minus the grace period), then lets the blob store remove what
 * writes interrupted before that cutoff left behind ({@link BlobStore#removeAbandonedWrites}). One use per
 * instance; not thread-safe.
 */
final class GarbageSweep {
  private final BlobStore blobs;
  private final Set<Digest> live;
  private final Instant cutoff;
  private final Duration gracePeriod;
  private final boolean dryRun;

  GarbageSweep(BlobStore blobs, Set<Digest> live, Instant cutoff, Duration gracePeriod, boolean dryRun) {
    this.blobs = blobs;
    this.live = live;
    this.cutoff = cutoff;
    this.gracePeriod = gracePeriod;
    this.dryRun = dryRun;
  }

  GarbageCollectionReport run() {
    long[] counts = new long[3];
    List<BlobInfo> garbage = new ArrayList<>();
    blobs.forEach(info -> {
      counts[0]++;
      if (live.contains(info.digest())) {
        counts[1]++;
      } else if (info.lastWritten().isBefore(cutoff)) {
        garbage.add(info);
      } else {
        counts[2]++;
      }
    });
    long swept = 0;
    long bytes = 0;
    for (BlobInfo info : garbage) {
      if (dryRun) {
        swept++;
        bytes += info.size();
        continue;
      }
      // a publish may have re-put the blob since it was listed; its fresh write time protects it
      BlobInfo now = blobs.stat(info.digest()).orElse(null);
      if (now != null && now.lastWritten().isBefore(cutoff) && blobs.delete(info.digest())) {
        swept++;
        bytes += now.size();
      }
    }
    blobs.removeAbandonedWrites(cutoff, dryRun);
    return new GarbageCollectionReport(dryRun, gracePeriod, counts[0], counts[1], counts[2], swept, bytes);
  }
}
