package dev.mlops.core.spi;

import java.util.List;
import java.util.Optional;

/**
 * Small mutable records with atomic create and compare-and-set: artifact versions, aliases, runs,
 * experiments.
 *
 * <p>Contract every implementation keeps (the storage compatibility kit checks it):
 * <ul>
 *   <li>Keys follow {@link StorageKeys}; an invalid key fails with
 *       {@link dev.mlops.core.InvalidInputException} and nothing is written.</li>
 *   <li>A write that returns {@code true} is durable: it survives a crash of the process (and, for
 *       backends on disk, of the machine) from the moment the call returns.</li>
 *   <li>{@link #compareAndSet} is linearizable across threads and, for shared backends, across processes.
 *       Contention makes writers wait (up to the backend's lock timeout), never fail at once.</li>
 *   <li>Readers never observe a partly written value.</li>
 *   <li>Versions restart at 1 when a deleted key is created again.</li>
 * </ul>
 * Implementations must be safe for concurrent use by many threads.
 */
public interface RecordStore {
  /** The largest value a backend must accept, in bytes (16 MiB). */
  int MAX_VALUE_BYTES = 16 * 1024 * 1024;

  /**
   * Reads a record.
   *
   * @param key a valid key
   * @return the record, or empty if there is none
   * @throws dev.mlops.core.CorruptedDataException if the stored record fails its checksum
   * @throws dev.mlops.core.StorageException if the backend cannot be read
   */
  Optional<StoredRecord> get(String key);

  /**
   * Replaces a record if its version is the expected one, or creates it when {@code expectedVersion}
   * is 0 and it does not exist.
   *
   * @param key a valid key
   * @param expectedVersion the version the caller read, or 0 for "must not exist"
   * @param value the new value, at most {@link #MAX_VALUE_BYTES}
   * @return true if the write happened (the record now has version {@code expectedVersion + 1});
   *     false if the current version differed
   * @throws dev.mlops.core.StorageException if the write failed or a lock timed out; the record is then
   *     unchanged
   */
  boolean compareAndSet(String key, long expectedVersion, byte[] value);

  /**
   * Creates a record that must not exist yet.
   *
   * @param key a valid key
   * @param value the value
   * @return true if created, false if the key already existed
   */
  default boolean create(String key, byte[] value) {
    return compareAndSet(key, 0, value);
  }

  /**
   * Deletes a record if its version is the expected one.
   *
   * @param key a valid key
   * @param expectedVersion the version the caller read
   * @return true if deleted; false if absent or at another version
   */
  boolean delete(String key, long expectedVersion);

  /**
   * Lists the records whose keys start with a prefix, in ascending key order.
   *
   * <p>The list is a snapshot of each record at some moment during the call; records written while
   * listing may or may not appear.
   *
   * @param prefix a key prefix (see {@link StorageKeys#requireValidPrefix(String)}); empty lists all
   * @return the records, sorted by key
   */
  List<StoredRecord> list(String prefix);

  /**
   * Lists the keys of the records that start with a prefix, in ascending order, without reading their
   * values, so that one damaged record does not hide the others: callers read each key and handle
   * {@link dev.mlops.core.CorruptedDataException} per record.
   *
   * <p>The default lists whole records; backends whose listing can fail on a damaged value override it.
   *
   * @param prefix a key prefix (see {@link StorageKeys#requireValidPrefix(String)}); empty lists all
   * @return the keys, sorted
   */
  default List<String> listKeys(String prefix) {
    List<String> keys = new java.util.ArrayList<>();
    for (StoredRecord r : list(prefix)) {
      keys.add(r.key());
    }
    return keys;
  }

  /**
   * Replaces a record that fails its checksum with a new value at version 1, for repairs of records whose
   * value can be derived from other data. An intact record is left alone.
   *
   * <p>The default suits backends that cannot hold a damaged record: it only checks that the record is
   * intact.
   *
   * @param key a valid key
   * @param value the derived value
   * @return true if a damaged record was replaced; false if the record is intact or absent
   * @throws dev.mlops.core.StorageException if the backend cannot replace a damaged record
   */
  default boolean replaceDamaged(String key, byte[] value) {
    try {
      get(key);
      return false;
    } catch (dev.mlops.core.CorruptedDataException damaged) {
      throw new dev.mlops.core.StorageException("record '" + key + "' is damaged and this backend cannot"
          + " replace it: " + damaged.getMessage(), damaged);
    }
  }
}
