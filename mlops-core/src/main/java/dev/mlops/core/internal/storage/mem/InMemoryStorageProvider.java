package dev.mlops.core.internal.storage.mem;

import dev.mlops.core.spi.Storage;
import dev.mlops.core.spi.StorageLocation;
import dev.mlops.core.spi.StorageProvider;
import java.time.Clock;

/** Opens {@code mem:} URIs: a fresh, empty in-memory storage on every open. */
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
