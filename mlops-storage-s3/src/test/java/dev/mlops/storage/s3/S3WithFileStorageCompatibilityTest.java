package dev.mlops.storage.s3;

import dev.mlops.core.hash.Digest;
import dev.mlops.core.spi.MutableClock;
import dev.mlops.core.spi.Storage;
import dev.mlops.core.spi.StorageCompatibilityKit;
import dev.mlops.core.storage.FileStorage;
import dev.mlops.storage.s3.internal.S3BlobStore;
import dev.mlops.testservers.S3ProxyServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records and series in a directory, blobs in S3Proxy: the whole storage compatibility kit passes,
 * durability across reopening included.
 */
class S3WithFileStorageCompatibilityTest extends StorageCompatibilityKit {
  private static S3ProxyServer server;
  @TempDir Path dir;
  private int stores;
  /** Where each composed storage keeps its records and blobs, to reopen it. */
  private final Map<Storage, String[]> places = new HashMap<>();

  @BeforeAll
  static void startServer() {
    server = S3ProxyServer.shared();
  }


  @Override
  protected Storage newStorage(MutableClock clock) {
    return open(dir.resolve("store-" + stores++).toString(), S3TestBuckets.freshUri(server));
  }

  private Storage open(String root, String blobUri) {
    Storage file = FileStorage.open(Path.of(root), Duration.ofSeconds(10), clock);
    S3BlobStore blobs = S3TestBuckets.open(blobUri);
    Storage composed = Storage.compose("file + blobs " + blobs, blobs, file.records(), file.series(), blobs,
        file);
    places.put(composed, new String[] {root, blobUri});
    return composed;
  }

  @Override
  protected Optional<Storage> reopen(Storage storage) {
    storage.close();
    String[] place = places.get(storage);
    return Optional.of(open(place[0], place[1]));
  }

  @Override
  protected boolean corruptBlob(Storage storage, Digest digest, byte[] bytes) {
    return S3TestBuckets.corrupt(storage.blobs(), digest, bytes);
  }

  @Override
  protected boolean honoursClock() {
    return false; // S3 stamps Last-Modified itself
  }
}
