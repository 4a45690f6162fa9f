package dev.mlops.core.internal.storage.mem;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.spi.Storage;
import dev.mlops.core.spi.StorageLocation;
import dev.mlops.core.spi.StorageProvider;
import java.time.Clock;

/**
 * Opens {@code mem:} URIs: a fresh, empty in-memory storage on every open. A path or options after the
 * scheme are refused, so a typo such as {@code mem:/data} does not silently give a throwaway store.
 */
public final class InMemoryStorageProvider implements StorageProvider {
  @Override
  public String scheme() {
    return "mem";
  }

  @Override
  public String description() {
    return "in-memory store for tests and ephemeral use (mlops-core)";
  }

  @Override
  public Storage open(StorageLocation location) {
    if (!location.path().isEmpty() || !location.options().isEmpty()) {
      throw new ConfigurationException("in-memory store URI '" + location.uri()
          + "' takes no path and no options; write it as 'mem:'");
    }
    return create(Clock.systemUTC());
  }

  /**
   * Creates an empty in-memory storage.
   *
   * @param clock the clock that stamps blob write times
   * @return the storage
   */
  public static Storage create(Clock clock) {
    return Storage.compose("mem:", new InMemoryBlobStore(clock), new InMemoryRecordStore(), new InMemorySeriesStore());
  }
}
