package dev.mlops.core.artifact;

import dev.mlops.core.spi.Storage;
import dev.mlops.core.storage.InMemoryStorage;
import java.nio.file.Path;
import java.time.Clock;

/** Runs the artifact semantics on the in-memory backend. */
class InMemoryArtifactsTest extends AbstractArtifactsTest {
  @Override
  Storage newStorage(Path dir, Clock clock) {
    return InMemoryStorage.create(clock);
  }
}
