package dev.mlops.storage.jdbc.testing;

import dev.mlops.core.spi.StorageLocation;
import dev.mlops.storage.jdbc.internal.JdbcStorage;
import dev.mlops.storage.jdbc.internal.PostgresSettings;
import dev.mlops.testservers.PostgresServer;
import java.time.Clock;
import java.util.Map;

/** Opens this module's storage on a test PostgreSQL server, as the provider would open its URI. */
public final class PostgresStores {
  private PostgresStores() {}

  /**
   * Opens a storage on a fresh schema of a server, with the connection settings parsed from the server's
   * URI for that schema (no environment; the server's directory as home).
   *
   * @param server the running server
   * @param clock the clock for blob times
   * @return the storage
   */
  public static JdbcStorage openFresh(PostgresServer server, Clock clock) {
    StorageLocation location = StorageLocation.parse(server.uri(PostgresServer.freshSchema(), ""));
    return JdbcStorage.open(PostgresSettings.parse(location, Map.of(), server.directory()), clock);
  }
}
