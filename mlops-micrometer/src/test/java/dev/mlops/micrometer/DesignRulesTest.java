package dev.mlops.micrometer;

import dev.mlops.core.testing.DesignRules;
import org.junit.jupiter.api.Test;

/** The design rules every module follows (see {@link DesignRules}), on mlops-micrometer. */
class DesignRulesTest {
  @Test
  void followsTheDesignRules() {
    DesignRules.forModule(MetricMonitorMetrics.class).allowingInSignatures("io.micrometer.").check();
  }
}
