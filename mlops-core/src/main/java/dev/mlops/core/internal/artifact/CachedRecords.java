package dev.mlops.core.internal.artifact;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mlops.core.spi.RecordStore;
import dev.mlops.core.spi.StoredRecord;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A record store seen through a Caffeine cache of single records and prefix listings.
 *
 * <p>Writes go straight to the store; a successful write then drops the cached record and every cached
 * listing whose prefix covers the key, so this process sees its own writes at once. Changes made by other
 * processes become visible when entries expire, after at most the time-to-live.
 *
 * <p>A read that misses loads from the store and caches what it read, unless a write of this process
 * completed meanwhile: every write bumps {@link #writes} after it reached the store and before it drops
 * cache entries, and a reader that sees the counter moved drops what it just cached. Without this, a
 * reader that loaded a record just before another thread wrote it could cache the old value after the
 * writer dropped it, hiding that thread's write until the entry expired. Thread-safe: the caches are
 * concurrent, the counter atomic, and the store must be thread-safe.
 */
final class CachedRecords {
  private static final int MAX_RECORDS = 100_000;
  private static final int MAX_LISTS = 1_000;

  private final RecordStore store;
  private final Cache<String, Optional<StoredRecord>> records;
  private final Cache<String, List<StoredRecord>> lists;
  /** Completed writes of this process; see the class comment. */
  private final AtomicLong writes = new AtomicLong();

  CachedRecords(RecordStore store, Duration ttl) {
    this.store = store;
    this.records = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(MAX_RECORDS).build();
    this.lists = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(MAX_LISTS).build();
  }

  /** Reads a record, from the cache when fresh enough. */
  Optional<StoredRecord> get(String key) {
    Optional<StoredRecord> cached = records.getIfPresent(key);
    return cached != null ? cached : getFresh(key);
  }

  /** Reads a record from the store, bypassing and refreshing the cache. */
  Optional<StoredRecord> getFresh(String key) {
    return load(records, key, store::get);
  }

  /** Lists records by prefix, from the cache when fresh enough. */
  List<StoredRecord> list(String prefix) {
    List<StoredRecord> cached = lists.getIfPresent(prefix);
    return cached != null ? cached : listFresh(prefix);
  }

  /** Lists records by prefix from the store, bypassing and refreshing the cache. */
  List<StoredRecord> listFresh(String prefix) {
    return load(lists, prefix, store::list);
  }

  /** Lists keys by prefix from the store, without reading values (so one damaged record hides no other). */
  List<String> listKeys(String prefix) {
    return store.listKeys(prefix);
  }

  /** Replaces a damaged record with a derived value; see {@link RecordStore#replaceDamaged}. */
  boolean replaceDamaged(String key, byte[] value) {
    boolean done = store.replaceDamaged(key, value);
    if (done) {
      written(key);
    }
    return done;
  }

  /** Reads from the store and caches the result unless a write of this process completed meanwhile. */
  private <V> V load(Cache<String, V> cache, String key, Function<String, V> read) {
    long before = writes.get();
    V value = read.apply(key);
    cache.put(key, value);
    if (writes.get() != before) {
      cache.invalidate(key);
    }
    return value;
  }

  boolean create(String key, byte[] value) {
    return compareAndSet(key, 0, value);
  }

  boolean compareAndSet(String key, long expectedVersion, byte[] value) {
    boolean done = store.compareAndSet(key, expectedVersion, value);
    if (done) {
      written(key);
    } else {
      records.invalidate(key); // the cached version was stale
    }
    return done;
  }

  boolean delete(String key, long expectedVersion) {
    boolean done = store.delete(key, expectedVersion);
    if (done) {
      written(key);
    } else {
      records.invalidate(key);
    }
    return done;
  }

  private void written(String key) {
    writes.incrementAndGet();
    records.invalidate(key);
    lists.asMap().keySet().removeIf(key::startsWith);
  }
}
