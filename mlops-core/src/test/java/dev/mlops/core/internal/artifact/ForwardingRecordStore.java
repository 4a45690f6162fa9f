package dev.mlops.core.internal.artifact;

import dev.mlops.core.spi.RecordStore;
import dev.mlops.core.spi.StoredRecord;
import java.util.List;
import java.util.Optional;

/** A real record store seen through a subclass that overrides the calls it wants to hold or fail. */
abstract class ForwardingRecordStore implements RecordStore {
  final RecordStore real;

  ForwardingRecordStore(RecordStore real) {
    this.real = real;
  }

  @Override
  public Optional<StoredRecord> get(String key) {
    return real.get(key);
  }

  @Override
  public boolean compareAndSet(String key, long expectedVersion, byte[] value) {
    return real.compareAndSet(key, expectedVersion, value);
  }

  @Override
  public boolean delete(String key, long expectedVersion) {
    return real.delete(key, expectedVersion);
  }

  @Override
  public List<StoredRecord> list(String prefix) {
    return real.list(prefix);
  }
}
