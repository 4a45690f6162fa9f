package dev.mlops.storage.jdbc;

import dev.mlops.core.spi.Storage;
import dev.mlops.core.spi.StorageCompatibilityProperties;
import dev.mlops.storage.jdbc.internal.JdbcStorage;
import dev.mlops.storage.jdbc.testing.PostgresStores;
import dev.mlops.testservers.PostgresServer;
import java.time.Clock;
import java.util.Optional;

/** Random operation sequences on PostgreSQL match the in-memory reference, also after reopening. */
class PostgresStorageCompatibilityPropertiesTest extends StorageCompatibilityProperties {
  @Override
  protected Storage newStorage() {
    return PostgresStores.openFresh(PostgresServer.shared(), Clock.systemUTC());
  }

  @Override
  protected Optional<Storage> reopen(Storage storage) {
    storage.close();
    return Optional.of(JdbcStorage.open(((JdbcStorage) storage).settings(), Clock.systemUTC()));
  }

  @Override
  protected void discard(Storage storage) {
    PostgresServer.shared().dropSchema(((JdbcStorage) storage).settings().schema());
  }
}
