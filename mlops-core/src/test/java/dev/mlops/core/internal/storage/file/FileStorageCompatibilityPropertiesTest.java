package dev.mlops.core.internal.storage.file;

import dev.mlops.core.spi.Storage;
import dev.mlops.core.spi.StorageCompatibilityProperties;
import dev.mlops.core.testing.TempDirectories;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/** Random operation sequences on the file backend match the in-memory reference, also after reopening. */
class FileStorageCompatibilityPropertiesTest extends StorageCompatibilityProperties {
  @Override
  protected Storage newStorage() {
    return open(TempDirectories.create("file-props"));
  }

  private static Storage open(Path root) {
    return FileStorageBackend.open(root, FileStorageBackend.DEFAULT_LOCK_TIMEOUT, Clock.systemUTC());
  }

  @Override
  protected Optional<Storage> reopen(Storage storage) {
    storage.close();
    return Optional.of(open(((FileStorageBackend) storage).root()));
  }

  @Override
  protected void discard(Storage storage) {
    TempDirectories.delete(((FileStorageBackend) storage).root());
  }
}
