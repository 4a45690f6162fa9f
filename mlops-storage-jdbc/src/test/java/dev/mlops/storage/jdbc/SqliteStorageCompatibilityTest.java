package dev.mlops.storage.jdbc;

import dev.mlops.core.hash.Digest;
import dev.mlops.core.spi.MutableClock;
import dev.mlops.core.spi.Storage;
import dev.mlops.core.spi.StorageCompatibilityKit;
import dev.mlops.core.spi.StorageLocation;
import dev.mlops.storage.jdbc.internal.JdbcStorage;
import dev.mlops.storage.jdbc.internal.SqliteSettings;
import dev.mlops.storage.jdbc.testing.Rows;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite backend passes the storage compatibility kit, including durability across reopening. */
class SqliteStorageCompatibilityTest extends StorageCompatibilityKit {
  @TempDir Path dir;
  private int stores;

  @Override
  protected Storage newStorage(MutableClock clock) {
    return JdbcStorage.open(SqliteSettings.parse(StorageLocation.parse("sqlite:" + dir.resolve(stores++ + ".db"))),
        clock);
  }

  @Override
  protected Optional<Storage> reopen(Storage storage) {
    storage.close();
    return Optional.of(JdbcStorage.open(((JdbcStorage) storage).settings(), clock));
  }

  @Override
  protected boolean corruptBlob(Storage storage, Digest digest, byte[] bytes) {
    return Rows.corruptBlob(storage, digest, bytes);
  }
}
