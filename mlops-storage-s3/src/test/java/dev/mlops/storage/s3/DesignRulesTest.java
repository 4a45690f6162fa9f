package dev.mlops.storage.s3;

import dev.mlops.core.testing.DesignRules;
import org.junit.jupiter.api.Test;

/** The design rules every module follows (see {@link DesignRules}), on mlops-storage-s3. */
class DesignRulesTest {
  @Test
  void followsTheDesignRules() {
    DesignRules.forModule(S3BlobStoreProvider.class).check();
  }
}
