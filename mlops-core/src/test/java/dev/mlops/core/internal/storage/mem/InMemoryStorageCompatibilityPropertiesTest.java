package dev.mlops.core.internal.storage.mem;

import dev.mlops.core.spi.Storage;
import dev.mlops.core.spi.StorageCompatibilityProperties;
import dev.mlops.core.storage.InMemoryStorage;

/** Random operation sequences on the in-memory backend match the reference (a check of the kit itself). */
class InMemoryStorageCompatibilityPropertiesTest extends StorageCompatibilityProperties {
  @Override
  protected Storage newStorage() {
    return InMemoryStorage.create();
  }
}
