package dev.mlops.tracking.internal.store;

import dev.mlops.core.spi.SeriesPage;
import dev.mlops.core.spi.SeriesStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The change log of an experiment's run records: after a run record is written, its id is appended to the
 * experiment's {@code run-changes} series, so a reader that remembers its position re-reads only the runs
 * that changed instead of listing every record. The log is an index, not the truth: a notice lost to a
 * crash between the record write and the append is repaired by the catalog's periodic full listing.
 * Stateless.
 */
public final class RunChanges {
  private RunChanges() {}

  /**
   * Appends notices in one durable batch.
   *
   * @param series the series store
   * @param experimentId the experiment
   * @param runIds the ids of runs whose record changed
   */
  public static void append(SeriesStore series, String experimentId, Collection<String> runIds) {
    series.append(TrackingLayout.runChanges(experimentId), entries(runIds));
  }

  /**
   * The entries of notices, for a batch that appends them to {@link TrackingLayout#runChanges(String)}.
   *
   * @param runIds the ids of runs whose record changed
   * @return one entry per id
   */
  public static List<byte[]> entries(Collection<String> runIds) {
    List<byte[]> entries = new ArrayList<>(runIds.size());
    runIds.forEach(id -> entries.add(id.getBytes(StandardCharsets.US_ASCII)));
    return entries;
  }

  /** The run ids read from a position and the position after them. */
  static final class Tail {
    final Set<String> runIds;
    final long position;
    final long count;

    Tail(Set<String> runIds, long position, long count) {
      this.runIds = runIds;
      this.position = position;
      this.count = count;
    }
  }

  /**
   * Reads notices from a position to the end.
   *
   * @param series the series store
   * @param experimentId the experiment
   * @param from a position from an earlier read, or 0
   * @param collect false to skip the ids (only the end position is wanted)
   * @return the distinct run ids, the end position and how many notices were read
   */
  static Tail readFrom(SeriesStore series, String experimentId, long from, boolean collect) {
    String key = TrackingLayout.runChanges(experimentId);
    Set<String> ids = new LinkedHashSet<>();
    long position = from;
    long count = 0;
    while (true) {
      SeriesPage page = series.read(key, position, 1 << 16);
      count += page.size();
      if (collect) {
        for (byte[] e : page.entries()) {
          ids.add(new String(e, StandardCharsets.US_ASCII));
        }
      }
      position = page.nextPosition();
      if (page.isEnd() || page.size() == 0) {
        return new Tail(ids, position, count);
      }
    }
  }
}
