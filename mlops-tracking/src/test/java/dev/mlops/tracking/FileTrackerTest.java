package dev.mlops.tracking;

import dev.mlops.core.MlopsStore;
import dev.mlops.core.storage.FileStorage;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The tracking contract on the file backend. */
class FileTrackerTest extends TrackerContractTest {
  @TempDir
  Path dir;

  @Override
  protected MlopsStore openStore() {
    return MlopsStore.open(FileStorage.open(dir));
  }

  @Override
  protected MlopsStore reopenStore() {
    return MlopsStore.open(FileStorage.open(dir));
  }
}
