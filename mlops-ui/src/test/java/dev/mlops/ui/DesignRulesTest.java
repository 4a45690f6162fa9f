package dev.mlops.ui;

import dev.mlops.core.testing.DesignRules;
import org.junit.jupiter.api.Test;

/** The design rules every module follows (see {@link DesignRules}), on mlops-ui. */
class DesignRulesTest {
  @Test
  void followsTheDesignRules() {
    DesignRules.forModule(MlopsUi.class).check();
  }
}
