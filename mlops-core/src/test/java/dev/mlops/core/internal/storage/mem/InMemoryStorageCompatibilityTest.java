package dev.mlops.core.internal.storage.mem;

import dev.mlops.core.hash.Digest;
import dev.mlops.core.spi.MutableClock;
import dev.mlops.core.spi.Storage;
import dev.mlops.core.spi.StorageCompatibilityKit;
import dev.mlops.core.storage.InMemoryStorage;

/** The in-memory backend passes the storage compatibility kit. */
class InMemoryStorageCompatibilityTest extends StorageCompatibilityKit {
  @Override
  protected Storage newStorage(MutableClock clock) {
    return InMemoryStorage.create(clock);
  }

  @Override
  protected boolean corruptBlob(Storage storage, Digest digest, byte[] bytes) {
    ((InMemoryBlobStore) storage.blobs()).corrupt(digest, bytes);
    return true;
  }
}
