package dev.mlops.examples.snippets;

import dev.mlops.core.spi.MutableClock;
import dev.mlops.core.spi.Storage;
import dev.mlops.core.spi.StorageCompatibilityKit;
import dev.mlops.core.storage.InMemoryStorage;

/** Runs every storage contract against a backend: here the in-memory one, in yours your own. */
class InMemoryStorageKitTest extends StorageCompatibilityKit {
  @Override
  protected Storage newStorage(MutableClock clock) {
    return InMemoryStorage.create(clock);   // a fresh, empty storage of your backend
  }
}
