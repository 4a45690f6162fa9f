package dev.mlops.core.internal.storage.mem;

import dev.mlops.core.InvalidInputException;
import dev.mlops.core.spi.SeriesPage;
import dev.mlops.core.spi.SeriesStore;
import dev.mlops.core.spi.StorageKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Series held on the heap. Thread-safe: each series is a list guarded by its own monitor; a position is
 * an entry index.
 */
final class InMemorySeriesStore implements SeriesStore {
  private final ConcurrentSkipListMap<String, List<byte[]>> series = new ConcurrentSkipListMap<>();

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
    List<byte[]> list = series.computeIfAbsent(key, k -> new ArrayList<>());
    synchronized (list) {
      list.addAll(copy);
    }
  }

  @Override
  public SeriesPage read(String key, long position, int maxEntries) {
    StorageKeys.requireValid(key);
    if (position < 0) {
      throw new InvalidInputException("series position must be >= 0, got " + position);
    }
    List<byte[]> list = series.get(key);
    if (list == null) {
      return new SeriesPage(List.of(), position, true);
    }
    synchronized (list) {
      int from = (int) Math.min(position, list.size());
      int to = (int) Math.min((long) from + Math.max(1, maxEntries), list.size());
      return new SeriesPage(list.subList(from, to), to, to == list.size());
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
