package dev.mlops.core.internal.storage.mem;

import dev.mlops.core.InvalidInputException;
import dev.mlops.core.spi.RecordStore;
import dev.mlops.core.spi.StorageKeys;
import dev.mlops.core.spi.StoredRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** Records held on the heap, sorted by key. Thread-safe: atomic map operations on immutable values. */
final class InMemoryRecordStore implements RecordStore {
  private final ConcurrentSkipListMap<String, StoredRecord> records = new ConcurrentSkipListMap<>();

  @Override
  public Optional<StoredRecord> get(String key) {
    StorageKeys.requireValid(key);
    return Optional.ofNullable(records.get(key));
  }

  @Override
  public boolean compareAndSet(String key, long expectedVersion, byte[] value) {
    StorageKeys.requireValid(key);
    checkValue(key, value);
    if (expectedVersion < 0) {
      throw new InvalidInputException("expected version of record '" + key + "' must be >= 0, got " + expectedVersion);
    }
    StoredRecord next = new StoredRecord(key, expectedVersion + 1, value);
    if (expectedVersion == 0) {
      return records.putIfAbsent(key, next) == null;
    }
    StoredRecord current = records.get(key);
    return current != null && current.version() == expectedVersion && records.replace(key, current, next);
  }

  @Override
  public boolean delete(String key, long expectedVersion) {
    StorageKeys.requireValid(key);
    StoredRecord current = records.get(key);
    return current != null && current.version() == expectedVersion && records.remove(key, current);
  }

  @Override
  public List<StoredRecord> list(String prefix) {
    StorageKeys.requireValidPrefix(prefix);
    List<StoredRecord> out = new ArrayList<>();
    Map<String, StoredRecord> tail = prefix.isEmpty() ? records : records.tailMap(prefix, true);
    for (Map.Entry<String, StoredRecord> e : tail.entrySet()) {
      if (!e.getKey().startsWith(prefix)) {
        break;
      }
      out.add(e.getValue());
    }
    return out;
  }

  static void checkValue(String key, byte[] value) {
    if (value.length > MAX_VALUE_BYTES) {
      throw new InvalidInputException("value of record '" + key + "' has " + value.length
          + " bytes, more than the limit of " + MAX_VALUE_BYTES);
    }
  }
}
