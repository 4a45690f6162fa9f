package dev.mlops.core.spi;

import dev.mlops.core.StorageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A backend's three stores, opened together: blobs, records and series.
 *
 * <p>A provider returns one; {@link #compose} builds one from stores of different backends, so records
 * can live in a database while blobs live in a bucket. Implementations must be safe for concurrent use;
 * {@link #close()} releases files, locks and connections and is idempotent.
 */
public interface Storage extends AutoCloseable {
  /** @return the blob store */
  BlobStore blobs();

  /** @return the record store */
  RecordStore records();

  /** @return the series store */
  SeriesStore series();

  /**
   * Writes a batch of record compare-and-sets and series appends, in order, durable when the call returns.
   *
   * <p>A compare-and-set whose record is not at the expected version is skipped and reported
   * {@link WriteBatch.Outcome#VERSION_DIFFERED}; the writes after it are still made. A write that fails
   * stops the batch: it and every write after it are reported {@link WriteBatch.Outcome#NOT_WRITTEN}, the
   * writes before it stay written. After a crash during the call, what is present is the writes of a prefix
   * of the batch (never a later write without the earlier ones).
   *
   * <p>The default makes the writes one by one through {@link #records()} and {@link #series()}, each
   * durable on its own. A backend may make the batch durable with one sync: the file backend journals it
   * (see {@code FileStorage}), so a batch costs one fsync however many writes it holds, and batches written
   * at once by several threads share it.
   *
   * @param batch the writes
   * @return each write's outcome, in the batch's order, and the failure that stopped the batch if one did
   * @throws dev.mlops.core.StorageException only if the backend cannot tell what it wrote (the file backend:
   *     the batch is journaled but applying it failed; the next open of the store applies it)
   */
  default WriteBatch.Result write(WriteBatch batch) {
    List<WriteBatch.Outcome> outcomes = new ArrayList<>(batch.size());
    RuntimeException failure = null;
    for (WriteBatch.Write w : batch.writes()) {
      if (failure != null) {
        outcomes.add(WriteBatch.Outcome.NOT_WRITTEN);
        continue;
      }
      try {
        if (w.kind() == WriteBatch.Kind.APPEND) {
          series().append(w.key(), w.entries());
          outcomes.add(WriteBatch.Outcome.WRITTEN);
        } else {
          outcomes.add(records().compareAndSet(w.key(), w.expectedVersion(), w.value())
              ? WriteBatch.Outcome.WRITTEN : WriteBatch.Outcome.VERSION_DIFFERED);
        }
      } catch (RuntimeException e) {
        failure = e;
        outcomes.add(WriteBatch.Outcome.NOT_WRITTEN);
      }
    }
    return new WriteBatch.Result(outcomes, failure);
  }

  /** @return a short description for logs and errors, such as {@code file:/data/mlops} */
  String describe();

  /**
   * Releases the backend's resources. Later calls do nothing.
   *
   * @throws StorageException if releasing failed
   */
  @Override
  void close();

  /**
   * Combines stores from different backends into one storage.
   *
   * @param description what {@link #describe()} returns
   * @param blobs the blob store
   * @param records the record store
   * @param series the series store
   * @param resources closed in order by {@link #close()} (usually the storages the stores came from)
   * @return the combined storage
   */
  static Storage compose(String description, BlobStore blobs, RecordStore records, SeriesStore series,
      AutoCloseable... resources) {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(blobs, "blobs");
    Objects.requireNonNull(records, "records");
    Objects.requireNonNull(series, "series");
    List<AutoCloseable> toClose = new ArrayList<>(List.of(resources));
    return new Storage() {
      private boolean closed;

      @Override
      public BlobStore blobs() {
        return blobs;
      }

      @Override
      public RecordStore records() {
        return records;
      }

      @Override
      public SeriesStore series() {
        return series;
      }

      @Override
      public String describe() {
        return description;
      }

      @Override
      public synchronized void close() {
        if (closed) {
          return;
        }
        closed = true;
        StorageException failure = null;
        for (AutoCloseable c : toClose) {
          try {
            c.close();
          } catch (Exception e) {
            if (failure == null) {
              failure = new StorageException("closing " + description + " failed", e);
            } else {
              failure.addSuppressed(e);
            }
          }
        }
        if (failure != null) {
          throw failure;
        }
      }

      @Override
      public String toString() {
        return description;
      }
    };
  }
}
