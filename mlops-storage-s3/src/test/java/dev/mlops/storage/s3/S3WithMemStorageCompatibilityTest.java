package dev.mlops.storage.s3;

import dev.mlops.core.hash.Digest;
import dev.mlops.core.spi.MutableClock;
import dev.mlops.core.spi.Storage;
import dev.mlops.core.spi.StorageCompatibilityKit;
import dev.mlops.core.storage.InMemoryStorage;
import dev.mlops.storage.s3.internal.S3BlobStore;
import dev.mlops.testservers.S3ProxyServer;
import org.junit.jupiter.api.BeforeAll;

/** Records and series in memory, blobs in S3Proxy: the whole storage compatibility kit passes. */
class S3WithMemStorageCompatibilityTest extends StorageCompatibilityKit {
  private static S3ProxyServer server;

  @BeforeAll
  static void startServer() {
    server = S3ProxyServer.shared();
  }


  @Override
  protected Storage newStorage(MutableClock clock) {
    Storage mem = InMemoryStorage.create(clock);
    S3BlobStore blobs = S3TestBuckets.open(S3TestBuckets.freshUri(server));
    return Storage.compose("mem: + blobs " + blobs, blobs, mem.records(), mem.series(), blobs, mem);
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
