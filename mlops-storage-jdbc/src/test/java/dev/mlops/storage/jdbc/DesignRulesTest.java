package dev.mlops.storage.jdbc;

import dev.mlops.core.testing.DesignRules;
import org.junit.jupiter.api.Test;

/** The design rules every module follows (see {@link DesignRules}), on mlops-storage-jdbc. */
class DesignRulesTest {
  @Test
  void followsTheDesignRules() {
    DesignRules.forModule(PostgresStorageProvider.class).check();
  }
}
