package dev.mlops.tracking.internal.store;

import dev.mlops.core.spi.RecordStore;
import dev.mlops.core.spi.StoredRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A checkpoint of an experiment's run records, so a new tracker reads a few chunk records instead of one
 * file per run: chunks {@code tracking/catalog/<experiment id>/chunk-<i>} hold the runs (key, version,
 * body) and a head record names their generation, count and the change-log position taken before the
 * listing they came from. Chunks are written first and the head last, so a reader that finds every chunk
 * of the head's generation has a consistent snapshot as of that position, and follows the change log from
 * there; anything else (a missing or mismatched chunk) makes it fall back to listing. Stateless.
 */
final class CatalogCheckpoint {
  private static final Logger LOG = LoggerFactory.getLogger(CatalogCheckpoint.class);
  /** Below this many runs a listing is cheap enough; no checkpoint is written. */
  static final int MIN_RUNS = 1000;
  private static final int RUNS_PER_CHUNK = 2000;

  private CatalogCheckpoint() {}

  /**
   * The head record's body.
   *
   * @param generation a random id shared by the head and its chunks
   * @param position the change-log position the snapshot is current as of
   * @param chunks how many chunks
   * @param runs how many runs in all
   */
  record Head(String generation, long position, int chunks, int runs) {}

  /**
   * One run as checkpointed.
   *
   * @param key the run record's key
   * @param version its version
   * @param doc its body
   */
  record Entry(String key, long version, RunDocument doc) {}

  /**
   * One chunk record's body.
   *
   * @param generation the generation it belongs to
   * @param runs its runs
   */
  record Chunk(String generation, List<Entry> runs) {}

  /** A loaded checkpoint. */
  static final class Loaded {
    final long position;
    final List<Entry> runs;

    Loaded(long position, List<Entry> runs) {
      this.position = position;
      this.runs = runs;
    }
  }

  private static String prefix(String experimentId) {
    return "tracking/catalog/" + experimentId + "/";
  }

  /** Reads the checkpoint, or returns null if there is none or it is not whole. */
  static @Nullable Loaded load(RecordStore records, String experimentId) {
    try {
      Optional<StoredRecord> head = records.get(prefix(experimentId) + "head");
      if (head.isEmpty()) {
        return null;
      }
      Head h = TrackingJson.read(head.get().key(), head.get().value(), Head.class);
      List<Entry> runs = new ArrayList<>(h.runs());
      for (int i = 0; i < h.chunks(); i++) {
        Optional<StoredRecord> c = records.get(prefix(experimentId) + "chunk-" + i);
        if (c.isEmpty()) {
          return null;
        }
        Chunk chunk = TrackingJson.read(c.get().key(), c.get().value(), Chunk.class);
        if (!chunk.generation().equals(h.generation())) {
          return null; // a newer checkpoint is being written over this one
        }
        runs.addAll(chunk.runs());
      }
      return runs.size() == h.runs() ? new Loaded(h.position(), runs) : null;
    } catch (RuntimeException e) {
      LOG.warn("ignoring the run catalog checkpoint of experiment {}: {}", experimentId, e.getMessage());
      return null;
    }
  }

  /** Writes a checkpoint over the previous one; a failure only costs the next reader a listing. */
  static void write(RecordStore records, String experimentId, long position, List<Entry> runs) {
    try {
      String generation = UUID.randomUUID().toString();
      int chunks = (runs.size() + RUNS_PER_CHUNK - 1) / RUNS_PER_CHUNK;
      for (int i = 0; i < chunks; i++) {
        List<Entry> part = runs.subList(i * RUNS_PER_CHUNK, Math.min(runs.size(), (i + 1) * RUNS_PER_CHUNK));
        put(records, prefix(experimentId) + "chunk-" + i, TrackingJson.write(new Chunk(generation, part)));
      }
      put(records, prefix(experimentId) + "head", TrackingJson.write(new Head(generation, position, chunks, runs.size())));
    } catch (RuntimeException e) {
      LOG.warn("could not write the run catalog checkpoint of experiment {}: {}", experimentId, e.getMessage());
    }
  }

  private static void put(RecordStore records, String key, byte[] body) {
    for (int attempt = 0; attempt < 8; attempt++) {
      long version = records.get(key).map(StoredRecord::version).orElse(0L);
      if (records.compareAndSet(key, version, body)) {
        return;
      }
    }
  }

  /** Reads the head's position, or null if there is no checkpoint. */
  static @Nullable Long position(RecordStore records, String experimentId) {
    try {
      return records.get(prefix(experimentId) + "head")
          .map(r -> TrackingJson.read(r.key(), r.value(), Head.class).position()).orElse(null);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
