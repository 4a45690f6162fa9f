package dev.mlops.core.internal.storage.file;

import dev.mlops.core.hash.Digest;
import dev.mlops.core.spi.MutableClock;
import dev.mlops.core.spi.Storage;
import dev.mlops.core.spi.StorageCompatibilityKit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

/** The file backend passes the storage compatibility kit, including durability across reopening. */
class FileStorageCompatibilityTest extends StorageCompatibilityKit {
  @TempDir Path dir;
  private int stores;

  @Override
  protected Storage newStorage(MutableClock clock) {
    return FileStorageBackend.open(dir.resolve("store-" + stores++), FileStorageBackend.DEFAULT_LOCK_TIMEOUT, clock);
  }

  @Override
  protected Optional<Storage> reopen(Storage storage) {
    storage.close();
    return Optional.of(FileStorageBackend.open(((FileStorageBackend) storage).root(),
        FileStorageBackend.DEFAULT_LOCK_TIMEOUT, clock));
  }

  @Override
  protected boolean corruptBlob(Storage storage, Digest digest, byte[] bytes) {
    String hex = digest.hex();
    Path file = ((FileStorageBackend) storage).root().resolve("blobs/sha256").resolve(hex.substring(0, 2))
        .resolve(hex.substring(2, 4)).resolve(hex);
    try {
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return true;
  }
}
