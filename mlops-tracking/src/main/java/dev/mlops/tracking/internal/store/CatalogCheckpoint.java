package dev.mlops.tracking.internal.store;

import dev.mlops.core.spi.RecordStore;
import dev.mlops.core.spi.StoredRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A checkpoint of an experiment's run records in pages, so a new tracker reads a few hundred page records
 * instead of one file per run, and decodes them without a JSON parser ({@link CatalogPageCodec}).
 *
 * <p>Layout: {@code tracking/catalog/<experiment id>/pages} names the format and the bucket width {@code d}
 * (1 to 4 hex digits); {@code tracking/catalog/<experiment id>/page-<prefix>} holds the runs whose id starts
 * with that {@code d}-digit prefix, with the change-log position the page is current as of. A full write
 * puts every page first and the head last, choosing {@code d} so a page holds about
 * {@value #TARGET_RUNS_PER_PAGE} runs or fewer; later writes replace only the pages whose runs changed (plus
 * a few of the oldest), so the cost of keeping the checkpoint current is constant per changed run, whatever
 * the number of runs, and no record grows past a page's share of the runs.
 *
 * <p>Why it is consistent: a page written from a catalog that followed the change log up to position
 * {@code P} reflects every change noticed before {@code P}; a page is never replaced by one current as of
 * an earlier position; and a reader follows the log from the smallest position of all pages, re-reading
 * every run noticed since, so runs written after the checkpoint, by this or another process, are read from
 * their records. Anything else (a missing, damaged or foreign page, or a head of another format) makes the
 * reader fall back to listing every run record, never to a partial result. Stateless.
 */
final class CatalogCheckpoint {
  private static final Logger LOG = LoggerFactory.getLogger(CatalogCheckpoint.class);
  /** Below this many runs a listing is cheap enough; no checkpoint is written. */
  static final int MIN_RUNS = 1000;
  /** The page size a full write aims at. */
  static final int TARGET_RUNS_PER_PAGE = 1000;
  /** How many of the pages current as of the oldest positions a partial write refreshes besides the changed ones. */
  static final int REFRESHED_PER_WRITE = 16;
  private static final String FORMAT = "mlops-catalog-pages-1";

  private CatalogCheckpoint() {}

  /**
   * A loaded checkpoint.
   *
   * @param digits the bucket width in hex digits
   * @param positions the position each page is current as of, by bucket
   * @param runs every run
   */
  record Loaded(int digits, long[] positions, List<StoredRun> runs) {
    /** @return the smallest page position: following the log from here brings every run up to date */
    long position() {
      long min = Long.MAX_VALUE;
      for (long p : positions) {
        min = Math.min(min, p);
      }
      return positions.length == 0 ? 0 : min;
    }
  }

  private static String prefix(String experimentId) {
    return "tracking/catalog/" + experimentId + "/";
  }

  private static String headKey(String experimentId) {
    return prefix(experimentId) + "pages";
  }

  /**
   * Returns the key of a page.
   *
   * @param experimentId the experiment
   * @param digits the bucket width
   * @param bucket the bucket
   * @return the record key
   */
  static String pageKey(String experimentId, int digits, int bucket) {
    return prefix(experimentId) + "page-" + String.format("%0" + digits + "x", bucket);
  }

  /**
   * Returns a run's bucket: the number its id's first hex digits spell.
   *
   * @param runId the run id (hex)
   * @param digits the bucket width
   * @return the bucket, 0 to 16^digits - 1
   */
  static int bucketOf(String runId, int digits) {
    int b = 0;
    for (int i = 0; i < digits; i++) {
      b = b * 16 + Character.digit(runId.charAt(i), 16);
    }
    return b;
  }

  /**
   * Returns the bucket width a full write of some number of runs uses.
   *
   * @param runs how many runs
   * @return 1 to 4 hex digits
   */
  static int digitsFor(int runs) {
    int digits = 1;
    while (digits < 4 && (long) runs > (long) TARGET_RUNS_PER_PAGE << (4 * digits)) {
      digits++;
    }
    return digits;
  }

  /** Tells whether an id is a run id: 32 lowercase hex characters. */
  private static boolean isRunId(String id) {
    if (id.length() != 32) {
      return false;
    }
    for (int i = 0; i < 32; i++) {
      char c = id.charAt(i);
      if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
        return false;
      }
    }
    return true;
  }

  /** Reads the head's bucket width, or 0 if there is no usable head. */
  static int digits(RecordStore records, String experimentId) {
    try {
      Optional<StoredRecord> head = records.get(headKey(experimentId));
      if (head.isEmpty()) {
        return 0;
      }
      String text = new String(head.get().value(), StandardCharsets.US_ASCII);
      if (!text.startsWith(FORMAT + " ") || text.length() != FORMAT.length() + 2) {
        return 0;
      }
      int d = Character.digit(text.charAt(text.length() - 1), 10);
      return d >= 1 && d <= 4 ? d : 0;
    } catch (RuntimeException e) {
      LOG.warn("ignoring the run catalog checkpoint of experiment {}: {}", experimentId, e.getMessage());
      return 0;
    }
  }

  /**
   * Reads the checkpoint.
   *
   * @param records the record store
   * @param experimentId the experiment
   * @return the checkpoint, or null if there is none or any part of it is missing or damaged
   */
  static @Nullable Loaded load(RecordStore records, String experimentId) {
    int digits = digits(records, experimentId);
    if (digits == 0) {
      return null;
    }
    try {
      int buckets = 1 << (4 * digits);
      long[] positions = new long[buckets];
      List<StoredRun> runs = new ArrayList<>();
      for (int b = 0; b < buckets; b++) {
        String key = pageKey(experimentId, digits, b);
        Optional<StoredRecord> r = records.get(key);
        if (r.isEmpty()) {
          LOG.info("run catalog checkpoint of experiment {} lacks page {}; listing the runs instead", experimentId, key);
          return null;
        }
        CatalogPageCodec.Page page = CatalogPageCodec.decode(key, experimentId, r.get().value());
        positions[b] = page.position();
        for (StoredRun run : page.runs()) {
          String id = run.stored().id();
          if (!isRunId(id) || bucketOf(id, digits) != b) {
            LOG.warn("run catalog page {} holds run {} of another bucket; listing the runs instead", key, id);
            return null;
          }
          runs.add(run);
        }
      }
      return new Loaded(digits, positions, runs);
    } catch (RuntimeException e) {
      LOG.warn("ignoring the run catalog checkpoint of experiment {}: {}", experimentId, e.getMessage());
      return null;
    }
  }

  /**
   * Writes every page, then the head, and deletes what older checkpoint layouts left. A failure is logged:
   * it only costs the next reader a listing.
   *
   * @param records the record store
   * @param experimentId the experiment
   * @param position the change-log position the runs are current as of
   * @param runs every run
   * @return the bucket width written, or 0 if the write failed
   */
  static int writeAll(RecordStore records, String experimentId, long position, Collection<StoredRun> runs) {
    int digits = digitsFor(runs.size());
    List<List<StoredRun>> byBucket = split(runs, digits);
    try {
      for (int b = 0; b < byBucket.size(); b++) {
        putPage(records, pageKey(experimentId, digits, b), position, byBucket.get(b));
      }
      put(records, headKey(experimentId), (FORMAT + " " + digits).getBytes(StandardCharsets.US_ASCII));
      for (String key : records.listKeys(prefix(experimentId))) {
        String name = key.substring(prefix(experimentId).length());
        boolean otherWidth = name.startsWith("page-") && name.length() != "page-".length() + digits;
        if (otherWidth || name.equals("head") || name.startsWith("chunk-")) {
          records.get(key).ifPresent(r -> records.delete(key, r.version()));
        }
      }
      return digits;
    } catch (RuntimeException e) {
      LOG.warn("could not write the run catalog checkpoint of experiment {}: {}", experimentId, e.getMessage());
      return 0;
    }
  }

  /**
   * Writes some pages of an existing checkpoint. A failure is logged: readers keep using the older pages,
   * which stay consistent with the change log.
   *
   * @param records the record store
   * @param experimentId the experiment
   * @param digits the head's bucket width
   * @param position the change-log position the runs are current as of
   * @param runs every run
   * @param buckets the buckets to write
   * @return true if every page was written (or was already newer)
   */
  static boolean writePages(RecordStore records, String experimentId, int digits, long position,
      Collection<StoredRun> runs, Collection<Integer> buckets) {
    List<List<StoredRun>> byBucket = split(runs, digits);
    try {
      for (int b : buckets) {
        putPage(records, pageKey(experimentId, digits, b), position, byBucket.get(b));
      }
      return true;
    } catch (RuntimeException e) {
      LOG.warn("could not update the run catalog checkpoint of experiment {}: {}", experimentId, e.getMessage());
      return false;
    }
  }

  private static List<List<StoredRun>> split(Collection<StoredRun> runs, int digits) {
    int buckets = 1 << (4 * digits);
    List<List<StoredRun>> byBucket = new ArrayList<>(buckets);
    for (int b = 0; b < buckets; b++) {
      byBucket.add(new ArrayList<>());
    }
    for (StoredRun r : runs) {
      byBucket.get(bucketOf(r.stored().id(), digits)).add(r);
    }
    return byBucket;
  }

  /** Writes a page unless the stored one is current as of a later position. */
  private static void putPage(RecordStore records, String key, long position, List<StoredRun> runs) {
    byte[] body = CatalogPageCodec.encode(position, runs);
    for (int attempt = 0; attempt < 8; attempt++) {
      Optional<StoredRecord> current;
      try {
        current = records.get(key);
      } catch (dev.mlops.core.CorruptedDataException damaged) {
        records.replaceDamaged(key, body);
        return;
      }
      if (current.isPresent() && storedPosition(current.get().value()) > position) {
        return;
      }
      if (records.compareAndSet(key, current.map(StoredRecord::version).orElse(0L), body)) {
        return;
      }
    }
    throw new dev.mlops.core.ConflictException("catalog page " + key + " kept changing under 8 attempts");
  }

  /** The position a stored page is current as of, or -1 if it is not a page. */
  private static long storedPosition(byte[] page) {
    return page.length >= 13 && ByteBuffer.wrap(page).getInt(0) == 0x4D4C4350 ? ByteBuffer.wrap(page).getLong(5) : -1;
  }

  private static void put(RecordStore records, String key, byte[] body) {
    for (int attempt = 0; attempt < 8; attempt++) {
      long version;
      try {
        version = records.get(key).map(StoredRecord::version).orElse(0L);
      } catch (dev.mlops.core.CorruptedDataException damaged) {
        records.replaceDamaged(key, body);
        return;
      }
      if (records.compareAndSet(key, version, body)) {
        return;
      }
    }
    throw new dev.mlops.core.ConflictException("catalog record " + key + " kept changing under 8 attempts");
  }

  /**
   * Chooses the buckets a partial write refreshes besides the changed ones: those whose known positions are
   * the oldest, so the smallest page position keeps moving and readers follow a short log.
   *
   * @param positions the known page positions
   * @param count how many
   * @return the buckets
   */
  static List<Integer> oldest(long[] positions, int count) {
    List<Integer> all = new ArrayList<>(positions.length);
    for (int b = 0; b < positions.length; b++) {
      all.add(b);
    }
    all.sort((a, b) -> Long.compare(positions[a], positions[b]));
    return all.subList(0, Math.min(count, all.size()));
  }
}
