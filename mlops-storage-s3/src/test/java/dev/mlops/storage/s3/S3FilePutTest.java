package dev.mlops.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.StorageException;
import dev.mlops.core.hash.Digest;
import dev.mlops.core.spi.BlobInfo;
import dev.mlops.core.spi.StorageLocation;
import dev.mlops.storage.s3.internal.S3BlobStore;
import dev.mlops.testservers.S3ProxyServer;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Files larger than a part: hashed first, then sent in one request straight to their key (no staging object,
 * no copy), and never stored under a digest their bytes do not have when they change in between. Their
 * faults (and that a file already stored is not sent again) are in {@link S3FaultInjectionTest}.
 */
class S3FilePutTest {
  private static final int MIB = 1 << 20;
  private static S3ProxyServer server;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() {
    server = S3ProxyServer.shared();
  }

  private static S3BlobStore direct(String options) {
    return S3TestBuckets.open(S3TestBuckets.freshUri(server) + "&partSize=5MiB" + options);
  }

  static Path file(Path dir, String name, int size, long seed) throws IOException {
    return Files.write(dir.resolve(name), S3BlobStoreTest.random(size, seed));
  }

  private Path file(String name, int size, long seed) throws IOException {
    return file(dir, name, size, seed);
  }

  private static HeadObjectResponse head(S3BlobStore store, Digest digest) {
    return store.client().headObject(r -> r.bucket(store.settings().bucket()).key(store.keyOf(digest))
        .checksumMode("ENABLED"));
  }

  /** Every object under blobs/ holds bytes that hash to the digest its key names. */
  static void assertEveryBlobMatchesItsKey(S3BlobStore store) {
    for (S3Object o : store.client().listObjectsV2Paginator(r -> r.bucket(store.settings().bucket())
        .prefix(store.settings().root() + "blobs/sha256/")).contents()) {
      byte[] bytes = store.client().getObjectAsBytes(r -> r.bucket(store.settings().bucket()).key(o.key()))
          .asByteArray();
      assertThat(Digest.sha256(bytes).hex()).as(o.key()).isEqualTo(o.key().substring(o.key().lastIndexOf('/') + 1));
    }
  }

  @Test
  void aFileLargerThanAPartGoesInOneRequestStraightToItsKey() throws IOException {
    try (S3BlobStore store = direct("")) {
      Path file = file("model.bin", 12 * MIB + 5, 1);
      BlobInfo info = putAndCheckStoredExactly(store, file);
      HeadObjectResponse head = head(store, info.digest());
      assertThat(head.eTag()).as("a single PutObject, not a completed multipart upload").doesNotContain("-");
      assertThat(head.checksumSHA256()).as("no SHA-256 for the server to hash again").isNull();
    }
  }

  @Test
  void aFileBeyondTheSinglePutSizeStreamsThroughStaging() throws IOException {
    try (S3BlobStore store = direct("&singlePutSize=5MiB&uploadThreads=3")) {
      Path file = file("big.bin", 11 * MIB + 3, 2);
      putAndCheckStoredExactly(store, file);
    }
  }

  @Test
  void aFileOfAtMostOnePartAndTheSameBytesAsAStreamRoundTrip() throws IOException {
    try (S3BlobStore store = direct("")) {
      for (int size : new int[] {0, 1, 5 * MIB, 5 * MIB + 1}) {
        Path file = file("f" + size, size, size);
        BlobInfo fromFile = store.put(file);
        BlobInfo fromStream = store.put(new java.io.ByteArrayInputStream(Files.readAllBytes(file)));
        assertThat(fromFile.digest()).isEqualTo(fromStream.digest());
        assertThat(S3BlobStoreTest.readAll(store.open(fromFile.digest()))).isEqualTo(Files.readAllBytes(file));
      }
      assertThat(S3BlobStoreTest.keys(store, "")).hasSize(4);
    }
  }

  @Test
  void aFileChangingWhileItIsStoredIsNeverStoredUnderAWrongDigest() throws Exception {
    try (S3BlobStore store = direct("")) {
      Path file = file("changing.bin", 8 * MIB, 4);
      AtomicBoolean stop = new AtomicBoolean();
      // a counter rewritten in the middle of the file, as fast as it goes
      Thread writer = new Thread(() -> {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
          for (long i = 0; !stop.get(); i++) {
            raf.seek(4 * MIB);
            raf.writeLong(i);
          }
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      writer.start();
      int refused = 0;
      try {
        for (int i = 0; i < 10 && refused < 2; i++) {
          try {
            store.put(file);
          } catch (StorageException e) {
            assertThat(e).hasMessageContaining("changed while it was stored").hasMessageContaining(file.toString())
                .hasMessageContaining("nothing was stored");
            refused++;
          }
        }
      } finally {
        stop.set(true);
        writer.join();
      }
      assertThat(refused).as("puts that saw the file change").isPositive();
      assertEveryBlobMatchesItsKey(store);
      assertThat(S3BlobStoreTest.keys(store, "staging/")).isEmpty();
    }
  }

  @Test
  void theSinglePutSizeIsCheckedLikeThePartSize() {
    assertThatThrownBy(() -> S3TestBuckets.open(S3TestBuckets.freshUri(server) + "&singlePutSize=1MiB"))
        .hasMessageContaining("singlePutSize").hasMessageContaining("from 5MiB to 5GiB");
    assertThat(dev.mlops.storage.s3.internal.S3Settings.parse(StorageLocation.parse(
        "s3://b-1/p?singlePutSize=64MiB")).singlePutSize()).isEqualTo(64L * MIB);
  }

  /** Stores a file and checks the one object under its key holds exactly its bytes, with no upload left pending. */
  private static BlobInfo putAndCheckStoredExactly(S3BlobStore store, Path file) throws IOException {
    byte[] content = Files.readAllBytes(file);
    BlobInfo info = store.put(file);
    assertThat(info.digest()).isEqualTo(Digest.sha256(content));
    assertThat(info.size()).isEqualTo(content.length);
    assertThat(S3BlobStoreTest.readAll(store.open(info.digest()))).isEqualTo(content);
    assertThat(S3BlobStoreTest.keys(store, "")).containsExactly(store.keyOf(info.digest()));
    assertThat(S3BlobStoreTest.pendingUploads(store)).isZero();
    return info;
  }
}
