package dev.mlops.tracking;

import dev.mlops.core.testing.DesignRules;
import org.junit.jupiter.api.Test;

/** The design rules every module follows (see {@link DesignRules}), on mlops-tracking. */
class DesignRulesTest {
  @Test
  void followsTheDesignRules() {
    DesignRules.forModule(Tracker.class)
        // known since the design rules came in (issue 14); delete each allowance with its fix
        .allowingCycle("Tracker.leaderboard() builds a Leaderboard, which searches through the Tracker",
            "dev.mlops.tracking", "dev.mlops.tracking.leaderboard")
        .allowingCycle("ChangeDetector's factories build the internal detectors that implement it",
            "dev.mlops.tracking.internal.monitor", "dev.mlops.tracking.monitor")
        .check();
  }
}
