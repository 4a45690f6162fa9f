package dev.mlops.core.internal.artifact;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.spi.StoredRecord;
import dev.mlops.core.storage.InMemoryStorage;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A reader that loaded a record or a listing just before another thread wrote it must not hide that
 * write behind a stale cache entry (the race that made concurrent publishes read "version is not stored").
 */
class CachedRecordsTest {
  /** The real in-memory record store, with reads that can be held after they read and before they return. */
  static final class HeldReads extends ForwardingRecordStore {
    final CountDownLatch readDone = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    volatile boolean hold = true;

    HeldReads() {
      super(InMemoryStorage.create().records());
    }

    private void pause() {
      if (hold) {
        hold = false;
        readDone.countDown();
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    @Override
    public Optional<StoredRecord> get(String key) {
      Optional<StoredRecord> r = real.get(key);
      pause();
      return r;
    }

    @Override
    public List<StoredRecord> list(String prefix) {
      List<StoredRecord> l = real.list(prefix);
      pause();
      return l;
    }
  }

  @Test
  void aRecordLoadedBeforeAConcurrentWriteIsNotCachedOverIt() throws Exception {
    HeldReads store = new HeldReads();
    CachedRecords cached = new CachedRecords(store, Duration.ofHours(1));
    CompletableFuture<Optional<StoredRecord>> reader = CompletableFuture.supplyAsync(() -> cached.get("a/k"));
    assertThat(store.readDone.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(cached.create("a/k", "v1".getBytes(UTF_8))).isTrue();
    store.release.countDown();
    assertThat(reader.get(10, TimeUnit.SECONDS)).isEmpty();
    assertThat(cached.get("a/k")).as("the write must be visible once the stale read returned").isPresent();
  }

  @Test
  void aListingLoadedBeforeAConcurrentWriteIsNotCachedOverIt() throws Exception {
    HeldReads store = new HeldReads();
    CachedRecords cached = new CachedRecords(store, Duration.ofHours(1));
    CompletableFuture<List<StoredRecord>> reader = CompletableFuture.supplyAsync(() -> cached.list("a/"));
    assertThat(store.readDone.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(cached.create("a/k", "v1".getBytes(UTF_8))).isTrue();
    store.release.countDown();
    assertThat(reader.get(10, TimeUnit.SECONDS)).isEmpty();
    assertThat(cached.list("a/")).extracting(StoredRecord::key).containsExactly("a/k");
  }

  @Test
  void ownWritesAreVisibleAtOnce() {
    HeldReads store = new HeldReads();
    store.hold = false;
    CachedRecords cached = new CachedRecords(store, Duration.ofHours(1));
    assertThat(cached.get("a/k")).isEmpty();
    assertThat(cached.list("a/")).isEmpty();
    assertThat(cached.create("a/k", "v1".getBytes(UTF_8))).isTrue();
    assertThat(cached.get("a/k")).isPresent();
    assertThat(cached.list("a/")).hasSize(1);
    assertThat(cached.compareAndSet("a/k", 1, "v2".getBytes(UTF_8))).isTrue();
    assertThat(new String(cached.get("a/k").orElseThrow().value(), UTF_8)).isEqualTo("v2");
    assertThat(cached.delete("a/k", 2)).isTrue();
    assertThat(cached.get("a/k")).isEmpty();
    assertThat(cached.list("a/")).isEmpty();
  }
}
