package dev.mlops.core.spi;

import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One small record as a {@link RecordStore} holds it: a key, a version and the value bytes.
 *
 * <p>The version starts at 1 when the record is created and grows by one with each successful
 * compare-and-set; it is the token a writer passes back to update the record. Immutable and safe to
 * share; the value is copied in and out.
 */
public final class StoredRecord {
  private final String key;
  private final long version;
  private final byte[] value;

  /**
   * Creates a record.
   *
   * @param key a valid storage key
   * @param version the version, at least 1
   * @param value the value bytes; copied
   */
  public StoredRecord(String key, long version, byte[] value) {
    this.key = Objects.requireNonNull(key, "key");
    if (version < 1) {
      throw new IllegalArgumentException("record version must be >= 1, got " + version);
    }
    this.version = version;
    this.value = value.clone();
  }

  /** @return the key */
  public String key() {
    return key;
  }

  /** @return the version, 1 for a new record */
  public long version() {
    return version;
  }

  /** @return a copy of the value bytes */
  public byte[] value() {
    return value.clone();
  }

  /** @return the length of the value in bytes */
  public int size() {
    return value.length;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof StoredRecord)) {
      return false;
    }
    StoredRecord r = (StoredRecord) o;
    return key.equals(r.key) && version == r.version && Arrays.equals(value, r.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, version, Arrays.hashCode(value));
  }

  @Override
  public String toString() {
    return "StoredRecord{" + key + " v" + version + ", " + value.length + " bytes}";
  }
}
