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
