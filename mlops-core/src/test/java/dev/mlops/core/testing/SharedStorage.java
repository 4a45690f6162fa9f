package dev.mlops.core.testing;

import dev.mlops.core.MlopsStore;
import dev.mlops.core.artifact.Artifacts;
import dev.mlops.core.spi.Storage;
import java.time.Clock;
import java.time.Duration;

/**
 * Opens several stores over one storage that the test owns and closes itself, the way several processes
 * share one directory: each store has its own caches, and closing a store leaves the storage open.
 */
public final class SharedStorage {
  private SharedStorage() {}

  /**
   * Opens a store over a storage whose {@code close()} the store ignores.
   *
   * @param storage the storage, closed by the test
   * @param clock the store's clock
   * @param artifactCacheTtl the artifact metadata cache time-to-live
   * @return the store; closing it leaves {@code storage} open
   */
  public static MlopsStore store(Storage storage, Clock clock, Duration artifactCacheTtl) {
    Storage unclosed = Storage.compose(storage.describe(), storage.blobs(), storage.records(), storage.series());
    return MlopsStore.builder().storage(unclosed).clock(clock).artifactCacheTtl(artifactCacheTtl).open();
  }

  /**
   * Returns the artifacts facade of a new store over a shared storage (see {@link #store}).
   *
   * @param storage the storage, closed by the test
   * @param clock the store's clock
   * @param artifactCacheTtl the artifact metadata cache time-to-live
   * @return a facade with caches of its own
   */
  public static Artifacts artifacts(Storage storage, Clock clock, Duration artifactCacheTtl) {
    return store(storage, clock, artifactCacheTtl).artifacts();
  }
}
