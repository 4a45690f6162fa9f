package dev.mlops.core.spi;

import dev.mlops.core.InvalidInputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Record compare-and-sets and series appends written together by {@link Storage#write(WriteBatch)}, in
 * the order they were added, so that a backend can make them durable with one sync instead of one each.
 *
 * <p>Built once with {@link #builder()} and immutable after; the value and entry bytes are copied in, so a
 * batch is safe to share between threads.
 */
public final class WriteBatch {
  /** What a write of a batch does. */
  public enum Kind {
    /** A record compare-and-set ({@link RecordStore#compareAndSet}); expected version 0 creates. */
    COMPARE_AND_SET,
    /** A series append ({@link SeriesStore#append}). */
    APPEND
  }

  /** What became of one write of a batch. */
  public enum Outcome {
    /** Written and durable. */
    WRITTEN,
    /** A compare-and-set skipped because the record's version was not the expected one. */
    VERSION_DIFFERED,
    /** Not written: the write failed, or an earlier write of the batch failed before it was tried. */
    NOT_WRITTEN
  }

  /**
   * One write of a batch. Immutable.
   */
  public static final class Write {
    private final Kind kind;
    private final String key;
    private final long expectedVersion;
    private final byte[] value;
    private final List<byte[]> entries;

    private Write(Kind kind, String key, long expectedVersion, byte[] value, List<byte[]> entries) {
      this.kind = kind;
      this.key = key;
      this.expectedVersion = expectedVersion;
      this.value = value;
      this.entries = entries;
    }

    /** @return what the write does */
    public Kind kind() {
      return kind;
    }

    /** @return the record or series key */
    public String key() {
      return key;
    }

    /** @return the expected version of a compare-and-set (0 creates); 0 for an append */
    public long expectedVersion() {
      return expectedVersion;
    }

    /** @return a copy of the new value of a compare-and-set; empty for an append */
    public byte[] value() {
      return value.clone();
    }

    /** @return copies of the entries of an append; empty for a compare-and-set */
    public List<byte[]> entries() {
      List<byte[]> copy = new ArrayList<>(entries.size());
      entries.forEach(e -> copy.add(e.clone()));
      return copy;
    }
  }

  /**
   * What {@link Storage#write(WriteBatch)} did: each write's outcome and the failure that stopped the batch,
   * if one did. Immutable.
   */
  public static final class Result {
    private final List<Outcome> outcomes;
    private final @Nullable RuntimeException failure;

    /**
     * Creates a result.
     *
     * @param outcomes each write's outcome, in the batch's order
     * @param failure the failure that stopped the batch, or null
     */
    public Result(List<Outcome> outcomes, @Nullable RuntimeException failure) {
      this.outcomes = List.copyOf(outcomes);
      this.failure = failure;
    }

    /** @return each write's outcome, in the batch's order */
    public List<Outcome> outcomes() {
      return outcomes;
    }

    /**
     * @param index a write's position in the batch
     * @return its outcome
     */
    public Outcome outcome(int index) {
      return outcomes.get(index);
    }

    /** @return the failure that stopped the batch, if one did */
    public Optional<RuntimeException> failure() {
      return Optional.ofNullable(failure);
    }
  }

  private final List<Write> writes;

  private WriteBatch(List<Write> writes) {
    this.writes = Collections.unmodifiableList(new ArrayList<>(writes));
  }

  /** @return a builder of an empty batch */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the writes in the order they were added */
  public List<Write> writes() {
    return writes;
  }

  /** @return how many writes the batch holds */
  public int size() {
    return writes.size();
  }

  /** Collects the writes of a batch. Not thread-safe. */
  public static final class Builder {
    private final List<Write> writes = new ArrayList<>();

    private Builder() {}

    /**
     * Adds a record compare-and-set (see {@link RecordStore#compareAndSet}).
     *
     * @param key a valid key
     * @param expectedVersion the version the caller read, or 0 for "must not exist"
     * @param value the new value, at most {@link RecordStore#MAX_VALUE_BYTES}; copied
     * @return this builder
     * @throws InvalidInputException if the key is invalid, the version negative or the value too large
     */
    public Builder compareAndSet(String key, long expectedVersion, byte[] value) {
      StorageKeys.requireValid(key);
      if (expectedVersion < 0) {
        throw new InvalidInputException("expected version of record '" + key + "' must be >= 0, got "
            + expectedVersion);
      }
      if (value.length > RecordStore.MAX_VALUE_BYTES) {
        throw new InvalidInputException("value of record '" + key + "' has " + value.length
            + " bytes, more than the limit of " + RecordStore.MAX_VALUE_BYTES);
      }
      writes.add(new Write(Kind.COMPARE_AND_SET, key, expectedVersion, value.clone(), List.of()));
      return this;
    }

    /**
     * Adds the creation of a record that must not exist yet (see {@link RecordStore#create}): a
     * compare-and-set expecting version 0, whose outcome is {@link Outcome#VERSION_DIFFERED} if it exists.
     *
     * @param key a valid key
     * @param value the value, at most {@link RecordStore#MAX_VALUE_BYTES}; copied
     * @return this builder
     * @throws InvalidInputException if the key is invalid or the value too large
     */
    public Builder create(String key, byte[] value) {
      return compareAndSet(key, 0, value);
    }

    /**
     * Adds a series append (see {@link SeriesStore#append}); an empty list adds nothing.
     *
     * @param key a valid key naming the series
     * @param entries the entries; copied
     * @return this builder
     * @throws InvalidInputException if the key is invalid
     */
    public Builder append(String key, List<byte[]> entries) {
      StorageKeys.requireValid(key);
      if (entries.isEmpty()) {
        return this;
      }
      List<byte[]> copy = new ArrayList<>(entries.size());
      entries.forEach(e -> copy.add(Objects.requireNonNull(e, "entry").clone()));
      writes.add(new Write(Kind.APPEND, key, 0, new byte[0], Collections.unmodifiableList(copy)));
      return this;
    }

    /** @return the batch */
    public WriteBatch build() {
      return new WriteBatch(writes);
    }
  }
}
