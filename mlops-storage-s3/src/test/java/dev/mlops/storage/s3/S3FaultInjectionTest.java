package dev.mlops.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.StorageException;
import dev.mlops.core.hash.Digest;
import dev.mlops.core.spi.BlobInfo;
import dev.mlops.storage.s3.internal.S3BlobStore;
import dev.mlops.testservers.S3ProxyServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults between the store and a real S3 server (S3Proxy behind {@link FaultProxy}): 503 answers, connections
 * dropped in the middle of an upload or a download, and an outage longer than the retries, for streams and
 * for files sent in one request. Every put either
 * succeeds with the right bytes after retries or fails with a {@link StorageException}, and no partial blob
 * is ever visible.
 */
class S3FaultInjectionTest {
  private static final int MIB = 1 << 20;
  private static S3ProxyServer server;
  private static FaultProxy faults;
  private static int prefixes;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() {
    server = S3ProxyServer.shared();
    faults = new FaultProxy(server.port());
  }

  @AfterAll
  static void stop() {
    faults.close();
  }

  @AfterEach
  void heal() {
    faults.heal();
  }

  private static S3BlobStore open(int maxAttempts) {
    return S3TestBuckets.open(faults.uri(S3TestBuckets.BUCKET + "/faults-" + ProcessHandle.current().pid() + "-"
        + ++prefixes, maxAttempts) + "&partSize=5MiB&uploadThreads=2");
  }

  private static List<BlobInfo> all(S3BlobStore store) {
    List<BlobInfo> blobs = new ArrayList<>();
    store.forEach(blobs::add);
    return blobs;
  }

  @Test
  void putsSucceedThrough503AnswersForAWhile() {
    try (S3BlobStore store = open(6)) {
      byte[] small = S3BlobStoreTest.random(4096, 1);
      byte[] large = S3BlobStoreTest.random(12 * MIB, 2);
      faults.answer503(3);
      BlobInfo a = store.put(new ByteArrayInputStream(small));
      faults.answer503(3);
      BlobInfo b = store.put(new ByteArrayInputStream(large));

      assertThat(faults.faults()).isGreaterThanOrEqualTo(6);
      assertThat(S3BlobStoreTest.readAll(store.open(a.digest()))).isEqualTo(small);
      assertThat(S3BlobStoreTest.readAll(store.open(b.digest()))).isEqualTo(large);
      assertThat(S3BlobStoreTest.keys(store, "staging/")).isEmpty();
    }
  }

  @Test
  void putsSucceedThroughConnectionsDroppedMidUpload() {
    try (S3BlobStore store = open(6)) {
      byte[] large = S3BlobStoreTest.random(11 * MIB, 3);
      int before = faults.faults();
      faults.dropRequests(3, MIB);
      BlobInfo info = store.put(new ByteArrayInputStream(large));

      assertThat(faults.faults() - before).isEqualTo(3);
      assertThat(info.digest()).isEqualTo(Digest.sha256(large));
      assertThat(S3BlobStoreTest.readAll(store.open(info.digest()))).isEqualTo(large);
      assertThat(all(store)).hasSize(1);
      assertThat(S3BlobStoreTest.pendingUploads(store)).isZero();
    }
  }

  @Test
  void blobsDamagedOnTheWayAreRefusedByTheServerAndNothingIsStored() {
    try (S3BlobStore store = open(3)) {
      byte[] small = S3BlobStoreTest.random(4096, 8);
      byte[] part = S3BlobStoreTest.random(6 * MIB, 9);
      // one byte inverted in the body of a small put, then in the body of the first part of a larger one:
      // the SHA-256 each carries in x-amz-checksum-sha256 no longer matches, and the server says so
      int before = faults.faults();
      faults.corruptRequests(1, 1000);
      assertThatThrownBy(() -> store.put(new ByteArrayInputStream(small))).isInstanceOf(StorageException.class)
          .hasMessageContaining("HTTP 400").hasMessageContaining("nothing was stored");
      faults.corruptRequests(Integer.MAX_VALUE, 3 * MIB);
      assertThatThrownBy(() -> store.put(new ByteArrayInputStream(part))).isInstanceOf(StorageException.class)
          .hasMessageContaining("HTTP 400").hasMessageContaining("nothing was stored");
      faults.heal();

      assertThat(faults.faults() - before).isGreaterThanOrEqualTo(2);
      assertThat(all(store)).isEmpty();
      store.removeAbandonedWrites(Instant.now().plus(1, ChronoUnit.HOURS), false);
      assertThat(S3BlobStoreTest.pendingUploads(store)).isZero();
      BlobInfo intact = store.put(new ByteArrayInputStream(small));
      assertThat(S3BlobStoreTest.readAll(store.open(intact.digest()))).isEqualTo(small);
    }
  }

  @Test
  void aReadResumesAfterItsConnectionDrops() {
    try (S3BlobStore store = open(6)) {
      byte[] content = S3BlobStoreTest.random(3 * MIB, 4);
      BlobInfo info = store.put(new ByteArrayInputStream(content));
      int before = faults.faults();
      faults.dropResponses(2, MIB);
      assertThat(S3BlobStoreTest.readAll(store.open(info.digest()))).isEqualTo(content);
      assertThat(faults.faults() - before).isEqualTo(2);
    }
  }

  @Test
  void anOutageLongerThanTheRetriesFailsCleanlyAndLeavesNothingVisible() {
    try (S3BlobStore store = open(3)) {
      byte[] kept = S3BlobStoreTest.random(1000, 5);
      BlobInfo before = store.put(new ByteArrayInputStream(kept));
      byte[] large = S3BlobStoreTest.random(12 * MIB, 6);
      byte[] small = S3BlobStoreTest.random(2000, 7);

      // every new connection is dropped after 256 KiB of its request, for as long as the outage lasts
      faults.dropRequests(Integer.MAX_VALUE, 256 << 10);
      assertThatThrownBy(() -> store.put(new ByteArrayInputStream(large))).isInstanceOf(StorageException.class)
          .hasMessageContaining("failed after up to 3 attempts").hasMessageContaining("nothing was stored")
          .hasMessageContaining(store.settings().describe());
      faults.answer503(Integer.MAX_VALUE);
      assertThatThrownBy(() -> store.put(new ByteArrayInputStream(small))).isInstanceOf(StorageException.class)
          .hasMessageContaining("SlowDown").hasMessageContaining("nothing was stored");
      faults.heal();

      assertThat(all(store)).extracting(BlobInfo::digest).containsExactly(before.digest());
      assertThat(store.stat(Digest.sha256(large))).isEmpty();
      assertThat(S3BlobStoreTest.readAll(store.open(before.digest()))).isEqualTo(kept);
      // whatever the failed upload left is garbage collection's to remove
      store.removeAbandonedWrites(Instant.now().plus(1, ChronoUnit.HOURS), false);
      assertThat(S3BlobStoreTest.keys(store, "staging/")).isEmpty();
      assertThat(S3BlobStoreTest.pendingUploads(store)).isZero();

      BlobInfo again = store.put(new ByteArrayInputStream(large));
      assertThat(S3BlobStoreTest.readAll(store.open(again.digest()))).isEqualTo(large);
    }
  }

  @Test
  void aFileAlreadyStoredIsRefreshedWithoutBeingSentAgain() throws Exception {
    try (S3BlobStore store = open(3)) {
      Path file = S3FilePutTest.file(dir, "again.bin", 9 * MIB, 3);
      BlobInfo first = store.put(file);
      Instant stored = store.stat(first.digest()).orElseThrow().lastWritten();
      Thread.sleep(1100); // Last-Modified has whole seconds

      // every new connection is cut after 64 KiB of request: only a put that sends no file succeeds
      faults.dropRequests(Integer.MAX_VALUE, 64 << 10);
      BlobInfo again = store.put(file);
      faults.heal();

      assertThat(again.digest()).isEqualTo(first.digest());
      assertThat(store.stat(first.digest()).orElseThrow().lastWritten()).isAfter(stored);
      assertThat(S3BlobStoreTest.readAll(store.open(first.digest()))).isEqualTo(Files.readAllBytes(file));
      assertThat(S3BlobStoreTest.keys(store, "")).containsExactly(store.keyOf(first.digest()));
    }
  }

  @Test
  void aFileGoesUpThroughDroppedConnectionsAnd503Answers() throws IOException {
    try (S3BlobStore store = open(6)) {
      Path file = S3FilePutTest.file(dir, "faulty.bin", 11 * MIB, 5);
      byte[] content = Files.readAllBytes(file);
      int before = faults.faults();
      faults.dropRequests(2, 3 * MIB);
      BlobInfo info = store.put(file);
      assertThat(faults.faults() - before).isEqualTo(2);
      Path other = S3FilePutTest.file(dir, "other.bin", 7 * MIB, 6);
      faults.answer503(3);
      BlobInfo second = store.put(other);

      assertThat(S3BlobStoreTest.readAll(store.open(info.digest()))).isEqualTo(content);
      assertThat(S3BlobStoreTest.readAll(store.open(second.digest()))).isEqualTo(Files.readAllBytes(other));
      assertThat(S3BlobStoreTest.keys(store, "")).containsExactlyInAnyOrder(store.keyOf(info.digest()),
          store.keyOf(second.digest()));
      S3FilePutTest.assertEveryBlobMatchesItsKey(store);
    }
  }

  @Test
  void anOutageDuringAFilePutFailsCleanlyAndLeavesNothingVisible() throws IOException {
    try (S3BlobStore store = open(3)) {
      Path file = S3FilePutTest.file(dir, "lost.bin", 10 * MIB, 7);
      faults.dropRequests(Integer.MAX_VALUE, 256 << 10);
      assertThatThrownBy(() -> store.put(file)).isInstanceOf(StorageException.class)
          .hasMessageContaining("failed after up to 3 attempts").hasMessageContaining("nothing was stored")
          .hasMessageContaining(file.toString());
      faults.heal();
      assertThat(S3BlobStoreTest.keys(store, "")).isEmpty();
      assertThat(store.stat(Digest.sha256(Files.readAllBytes(file)))).isEmpty();
    }
  }
}
