package dev.mlops.core.storage;

import dev.mlops.core.internal.storage.mem.InMemoryStorageProvider;
import dev.mlops.core.spi.Storage;
import java.time.Clock;

/**
 * Builds in-memory storages explicitly: for tests, and for short-lived programs that need no durability.
 *
 * <p>Each call returns a new, empty, thread-safe storage whose data lives only on the heap.
 */
public final class InMemoryStorage {
  private InMemoryStorage() {}

  /** @return a new empty in-memory storage */
  public static Storage create() {
    return InMemoryStorageProvider.create(Clock.systemUTC());
  }

  /**
   * Creates an in-memory storage whose blob write times come from a clock (for garbage collection tests).
   *
   * @param clock the clock
   * @return a new empty in-memory storage
   */
  public static Storage create(Clock clock) {
    return InMemoryStorageProvider.create(clock);
  }
}
