package dev.mlops.storage.jdbc;

import dev.mlops.core.hash.Digest;
import dev.mlops.core.spi.MutableClock;
import dev.mlops.core.spi.Storage;
import dev.mlops.core.spi.StorageCompatibilityKit;
import dev.mlops.storage.jdbc.internal.JdbcStorage;
import dev.mlops.storage.jdbc.testing.PostgresStores;
import dev.mlops.storage.jdbc.testing.Rows;
import dev.mlops.testservers.PostgresServer;
import java.util.Optional;

/** The PostgreSQL backend passes the storage compatibility kit, including durability across reopening. */
class PostgresStorageCompatibilityTest extends StorageCompatibilityKit {
  @Override
  protected Storage newStorage(MutableClock clock) {
    return PostgresStores.openFresh(PostgresServer.shared(), clock);
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
