package dev.mlops.core.internal.storage.file;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.StorageException;
import dev.mlops.core.spi.Storage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Contended writers wait for the lock up to the timeout, then fail with an error that says what to tune. */
class FileStorageLockTest {
  @TempDir Path dir;

  @Test
  void aWriterWaitsForAHeldLockAndSucceedsOnceItIsReleased() throws Exception {
    Path root = dir.resolve("store");
    try (Storage storage = FileStorageBackend.open(root, Duration.ofSeconds(30), Clock.systemUTC())) {
      storage.records().create("k", "1".getBytes(UTF_8));
      StripedFileLocks locks = StripedFileLocks.forRoot(root.resolve("locks"));
      CountDownLatch held = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> {
        StripedFileLocks.Held h = locks.lock("k", Duration.ofSeconds(5), "hold it in a test");
        try {
          held.countDown();
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          h.close();
        }
      });
      assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
      CompletableFuture<Boolean> writer = CompletableFuture.supplyAsync(
          () -> storage.records().compareAndSet("k", 1, "2".getBytes(UTF_8)));
      Thread.sleep(100);
      assertThat(writer).as("the writer waits while the lock is held").isNotDone();
      release.countDown();
      assertThat(writer.get(30, TimeUnit.SECONDS)).isTrue();
      holder.get(30, TimeUnit.SECONDS);
      locks.release();
      assertThat(storage.records().get("k").orElseThrow().version()).isEqualTo(2);
    }
  }

  @Test
  void aWriterGivesUpAfterTheLockTimeoutAndChangesNothing() throws Exception {
    Path root = dir.resolve("store");
    try (Storage storage = FileStorageBackend.open(root, Duration.ofMillis(50), Clock.systemUTC())) {
      storage.records().create("k", "1".getBytes(UTF_8));
      storage.series().append("s", List.of("a".getBytes(UTF_8)));
      StripedFileLocks locks = StripedFileLocks.forRoot(root.resolve("locks"));
      CountDownLatch held = new CountDownLatch(2);
      CountDownLatch release = new CountDownLatch(1);
      CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> {
        StripedFileLocks.Held h1 = locks.lock("k", Duration.ofSeconds(5), "hold it in a test");
        StripedFileLocks.Held h2 = locks.lock("s", Duration.ofSeconds(5), "hold it in a test");
        try {
          held.countDown();
          held.countDown();
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          h2.close();
          h1.close();
        }
      });
      try {
        assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> storage.records().compareAndSet("k", 1, "2".getBytes(UTF_8)))
            .isInstanceOf(StorageException.class).hasMessageContaining("timed out").hasMessageContaining("'k'")
            .hasMessageContaining("lockTimeout");
        assertThatThrownBy(() -> storage.series().append("s", List.of("b".getBytes(UTF_8))))
            .isInstanceOf(StorageException.class).hasMessageContaining("timed out");
        assertThat(storage.records().get("k").orElseThrow().version()).as("reads take no lock").isEqualTo(1);
        assertThat(storage.series().readAll("s")).hasSize(1);
      } finally {
        release.countDown();
        holder.get(30, TimeUnit.SECONDS);
        locks.release();
      }
      assertThat(storage.records().compareAndSet("k", 1, "2".getBytes(UTF_8))).isTrue();
    }
  }
}
