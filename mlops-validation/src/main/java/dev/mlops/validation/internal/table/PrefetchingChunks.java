package dev.mlops.validation.internal.table;

import dev.mlops.validation.Table;
import dev.mlops.validation.TableChunks;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/**
 * The iterator half of a chunk reader: reads one chunk ahead so {@link #hasNext()} can answer. Not
 * thread-safe.
 */
abstract class PrefetchingChunks implements TableChunks {
  private @Nullable Table pending;
  private boolean exhausted;

  /** Reads the next chunk, or returns {@code null} when the input is exhausted. */
  abstract @Nullable Table readChunk();

  /** A name for messages. */
  abstract String source();

  @Override
  public final boolean hasNext() {
    if (pending == null && !exhausted) {
      pending = readChunk();
      exhausted = pending == null;
    }
    return pending != null;
  }

  @Override
  public final Table next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no more chunks in " + source());
    }
    Table t = pending;
    pending = null;
    return t;
  }
}
