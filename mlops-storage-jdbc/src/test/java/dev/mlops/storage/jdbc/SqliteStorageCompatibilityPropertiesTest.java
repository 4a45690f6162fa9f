package dev.mlops.storage.jdbc;

import dev.mlops.core.spi.Storage;
import dev.mlops.core.spi.StorageCompatibilityProperties;
import dev.mlops.core.spi.StorageLocation;
import dev.mlops.core.testing.TempDirectories;
import dev.mlops.storage.jdbc.internal.JdbcStorage;
import dev.mlops.storage.jdbc.internal.SqliteSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/** Random operation sequences on SQLite match the in-memory reference, also after reopening. */
class SqliteStorageCompatibilityPropertiesTest extends StorageCompatibilityProperties {
  @Override
  protected Storage newStorage() {
    Path dir = TempDirectories.create("sqlite-props");
    return JdbcStorage.open(SqliteSettings.parse(StorageLocation.parse("sqlite:" + dir.resolve("store.db"))),
        Clock.systemUTC());
  }

  @Override
  protected Optional<Storage> reopen(Storage storage) {
    storage.close();
    return Optional.of(JdbcStorage.open(((JdbcStorage) storage).settings(), Clock.systemUTC()));
  }

  @Override
  protected void discard(Storage storage) {
    String file = storage.describe().substring("sqlite:".length());
    TempDirectories.delete(Path.of(file).getParent());
  }
}
