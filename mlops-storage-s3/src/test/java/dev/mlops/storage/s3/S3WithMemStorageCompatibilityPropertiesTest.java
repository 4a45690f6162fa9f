package dev.mlops.storage.s3;

import dev.mlops.core.spi.Storage;
import dev.mlops.core.spi.StorageCompatibilityProperties;
import dev.mlops.core.storage.InMemoryStorage;
import dev.mlops.storage.s3.internal.S3BlobStore;
import dev.mlops.testservers.S3ProxyServer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Random operation sequences on memory records with S3 blobs match the in-memory reference. */
class S3WithMemStorageCompatibilityPropertiesTest extends StorageCompatibilityProperties {
  private static S3ProxyServer server;

  @BeforeContainer
  static void startServer() {
    server = S3ProxyServer.shared();
  }


  @Override
  protected Storage newStorage() {
    Storage mem = InMemoryStorage.create();
    S3BlobStore blobs = S3TestBuckets.open(S3TestBuckets.freshUri(server));
    return Storage.compose("mem: + blobs " + blobs, blobs, mem.records(), mem.series(), blobs, mem);
  }
}
