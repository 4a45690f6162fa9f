package dev.mlops.core.spi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Append-only series of small entries (metric points, events) with cheap batched appends and ordered
 * reads.
 *
 * <p>Contract every implementation keeps (the storage compatibility kit checks it):
 * <ul>
 *   <li>{@link #append(String, List)} is atomic per batch: after a crash a batch is either wholly
 *       present or wholly absent, and when the call returns the batch is durable.</li>
 *   <li>Entries read back in append order; batches from concurrent writers do not interleave.</li>
 *   <li>A series damaged by a crash (a torn last batch) opens without error; the torn batch is cut off.</li>
 * </ul>
 * Positions are opaque: start at 0 and pass back {@link SeriesPage#nextPosition()}.
 * Implementations must be safe for concurrent use by many threads.
 */
public interface SeriesStore {
  /** The largest batch a backend must accept, in bytes of entry payload (64 MiB). */
  int MAX_BATCH_BYTES = 64 * 1024 * 1024;

  /**
   * Appends a batch of entries to a series, creating the series if needed.
   *
   * @param key a valid key naming the series
   * @param entries the entries to append; an empty batch does nothing
   * @throws dev.mlops.core.StorageException if the append failed; the batch is then absent
   */
  void append(String key, List<byte[]> entries);

  /**
   * Reads entries from a position.
   *
   * @param key the series key
   * @param position 0 for the start, or a page's {@link SeriesPage#nextPosition()}
   * @param maxEntries a hint for the page size; a page holds whole batches, so it may hold more, and it
   *     holds at least one entry unless the series has no more
   * @return the page; empty and at its end if the series does not exist
   */
  SeriesPage read(String key, long position, int maxEntries);

  /**
   * Reads a whole series.
   *
   * @param key the series key
   * @return every entry in append order
   */
  default List<byte[]> readAll(String key) {
    List<byte[]> all = new ArrayList<>();
    forEachEntry(key, 0, (buffer, offset, length) -> all.add(Arrays.copyOfRange(buffer, offset, offset + length)));
    return all;
  }

  /**
   * Streams every entry from a position to the end of the series, in append order, into a sink: the bulk
   * read of a long series, which a backend may serve with large sequential reads and no copy per entry (the
   * default reads pages of {@link #read}). It reads what {@link #read} pages from the same position would,
   * with the same checks: a torn last batch ends the walk without error, damage raises
   * {@link dev.mlops.core.CorruptedDataException} after the entries before it were passed.
   *
   * @param key the series key
   * @param position 0 for the start, or a position from {@link SeriesPage#nextPosition()} or from an
   *     earlier call
   * @param sink receives each entry; what it throws ends the walk and reaches the caller
   * @return the position after the last entry passed, to continue from when more are appended
   * @throws dev.mlops.core.InvalidInputException if the position is negative or not one this series gave
   */
  default long forEachEntry(String key, long position, SeriesEntrySink sink) {
    long at = position;
    while (true) {
      SeriesPage page = read(key, at, 4096);
      for (byte[] e : page.entries()) {
        sink.accept(e, 0, e.length);
      }
      at = page.nextPosition();
      if (page.isEnd() || page.size() == 0) {
        return at;
      }
    }
  }

  /**
   * Lists the keys of the series that start with a prefix, in ascending order.
   *
   * @param prefix a key prefix; empty lists all
   * @return the keys
   */
  List<String> list(String prefix);
}
