package dev.mlops.core.internal.artifact;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mlops.core.spi.RecordStore;
import dev.mlops.core.spi.StoredRecord;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A record store seen through a Caffeine cache of single records and prefix listings.
 *
 * <p>Writes go straight to the store; a successful write replaces the cached record and drops every
 * cached listing whose prefix covers the key, so this process sees its own writes at once. A failed
 * compare-and-set drops the cached record (it was stale). Changes made by other processes become
 * visible when entries expire, after at most the time-to-live. Thread-safe: the caches are concurrent
 * and the store must be.
 */
final class CachedRecords {
  private static final int MAX_RECORDS = 100_000;
  private static final int MAX_LISTS = 1_000;

  private final RecordStore store;
  private final Cache<String, Optional<StoredRecord>> records;
  private final Cache<String, List<StoredRecord>> lists;

  CachedRecords(RecordStore store, Duration ttl) {
    this.store = store;
    this.records = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(MAX_RECORDS).build();
    this.lists = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(MAX_LISTS).build();
  }

  /** Reads a record, from the cache when fresh enough. */
  Optional<StoredRecord> get(String key) {
    return records.get(key, store::get);
  }

  /** Reads a record from the store, bypassing and refreshing the cache. */
  Optional<StoredRecord> getFresh(String key) {
    Optional<StoredRecord> r = store.get(key);
    records.put(key, r);
    return r;
  }

  /** Lists records by prefix, from the cache when fresh enough. */
  List<StoredRecord> list(String prefix) {
    return lists.get(prefix, store::list);
  }

  /** Lists records by prefix from the store, bypassing the cache. */
  List<StoredRecord> listFresh(String prefix) {
    List<StoredRecord> l = store.list(prefix);
    lists.put(prefix, l);
    return l;
  }

  boolean create(String key, byte[] value) {
    return compareAndSet(key, 0, value);
  }

  boolean compareAndSet(String key, long expectedVersion, byte[] value) {
    boolean done = store.compareAndSet(key, expectedVersion, value);
    if (done) {
      records.put(key, Optional.of(new StoredRecord(key, expectedVersion + 1, value)));
      dropListsCovering(key);
    } else {
      records.invalidate(key);
    }
    return done;
  }

  boolean delete(String key, long expectedVersion) {
    boolean done = store.delete(key, expectedVersion);
    records.invalidate(key);
    if (done) {
      records.put(key, Optional.empty());
      dropListsCovering(key);
    }
    return done;
  }

  private void dropListsCovering(String key) {
    lists.asMap().keySet().removeIf(key::startsWith);
  }
}
