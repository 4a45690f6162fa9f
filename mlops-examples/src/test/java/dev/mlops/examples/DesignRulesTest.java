package dev.mlops.examples;

import dev.mlops.core.testing.DesignRules;
import org.junit.jupiter.api.Test;

/** The design rules every module follows (see {@link DesignRules}), on the examples (an application). */
class DesignRulesTest {
  @Test
  void followsTheDesignRules() {
    DesignRules.forModule(EndToEndExample.class)
        .allowingInSignatures("io.micrometer.") // the reference model server hands out its meter registry
        .check();
  }
}
