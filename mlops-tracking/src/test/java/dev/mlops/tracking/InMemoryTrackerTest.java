package dev.mlops.tracking;

import dev.mlops.core.MlopsStore;
import dev.mlops.core.spi.Storage;
import dev.mlops.core.storage.InMemoryStorage;

/** The tracking contract on the in-memory backend. */
class InMemoryTrackerTest extends TrackerContractTest {
  private Storage shared;

  @Override
  protected MlopsStore openStore() {
    shared = InMemoryStorage.create();
    return MlopsStore.open(unclosable(shared));
  }

  @Override
  protected MlopsStore reopenStore() {
    return MlopsStore.open(unclosable(shared));
  }

  /** A view of the in-memory storage that survives the facade's close, so "reopening" sees the same data. */
  private static Storage unclosable(Storage s) {
    return Storage.compose("mem:shared", s.blobs(), s.records(), s.series());
  }

}
