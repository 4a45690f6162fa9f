package dev.mlops.core.internal.storage.mem;

import dev.mlops.core.InvalidInputException;
import dev.mlops.core.spi.SeriesPage;
import dev.mlops.core.spi.SeriesStore;
import dev.mlops.core.spi.StorageKeys;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Series held on the heap. Thread-safe: each series is guarded by its own monitor; a position is an
 * entry index, and pages end on batch boundaries as the SPI promises.
 */
final class InMemorySeriesStore implements SeriesStore {
  /** One series: its entries and, for each batch, the index after its last entry. Guarded by itself. */
  private static final class Log {
    final List<byte[]> entries = new ArrayList<>();
    final List<Integer> batchEnds = new ArrayList<>();

    /** The end of the first batch ending at or after {@code index}. */
    int batchEndAtOrAfter(int index) {
      int i = Collections.binarySearch(batchEnds, index);
      return i >= 0 ? batchEnds.get(i) : batchEnds.get(-i - 1);
    }
  }

  private final ConcurrentSkipListMap<String, Log> series = new ConcurrentSkipListMap<>();

  @Override
  public void append(String key, List<byte[]> entries) {
    StorageKeys.requireValid(key);
    if (entries.isEmpty()) {
      return;
    }
    long bytes = 0;
    for (byte[] e : entries) {
      bytes += e.length;
    }
    if (bytes > MAX_BATCH_BYTES) {
      throw new InvalidInputException("batch for series '" + key + "' holds " + bytes
          + " bytes, more than the limit of " + MAX_BATCH_BYTES);
    }
    List<byte[]> copy = new ArrayList<>(entries.size());
    for (byte[] e : entries) {
      copy.add(e.clone());
    }
    Log log = series.computeIfAbsent(key, k -> new Log());
    synchronized (log) {
      log.entries.addAll(copy);
      log.batchEnds.add(log.entries.size());
    }
  }

  @Override
  public SeriesPage read(String key, long position, int maxEntries) {
    StorageKeys.requireValid(key);
    if (position < 0) {
      throw new InvalidInputException("series position must be >= 0, got " + position);
    }
    Log log = series.get(key);
    if (log == null) {
      return new SeriesPage(List.of(), position, true);
    }
    synchronized (log) {
      int size = log.entries.size();
      int from = (int) Math.min(position, size);
      int wanted = (int) Math.min((long) from + Math.max(1, maxEntries), size);
      int to = from == size ? size : log.batchEndAtOrAfter(wanted);
      return new SeriesPage(log.entries.subList(from, to), to, to == size);
    }
  }

  @Override
  public List<String> list(String prefix) {
    StorageKeys.requireValidPrefix(prefix);
    List<String> out = new ArrayList<>();
    for (String k : prefix.isEmpty() ? series.keySet() : series.tailMap(prefix, true).keySet()) {
      if (!k.startsWith(prefix)) {
        break;
      }
      out.add(k);
    }
    return out;
  }
}
