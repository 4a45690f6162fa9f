package dev.mlops.validation;

import dev.mlops.core.testing.DesignRules;
import org.junit.jupiter.api.Test;

/** The design rules every module follows (see {@link DesignRules}), on mlops-validation. */
class DesignRulesTest {
  @Test
  void followsTheDesignRules() {
    DesignRules.forModule(Table.class)
        // Known cycles since the design rules came in (issue 14); the table-model rework removed
        // Column <-> ColumnFactory and Table <-> readers. Delete each allowance with its fix; an allowance that
        // matches no cycle fails this test.
        .allowingCycle("ValidationResult/ValidationSuite <-> ValidationJson", "dev.mlops.validation",
            "dev.mlops.validation.internal.json")
        .allowingCycle("Profile <-> ProfileJson <-> RuleSuggester", "dev.mlops.validation",
            "dev.mlops.validation.internal.json", "dev.mlops.validation.internal.profile")
        .allowingCycle("DatasetProfile, DatasetDrift <-> their JSON codecs", "dev.mlops.validation.drift",
            "dev.mlops.validation.internal.drift")
        .allowingCycle("ModelGate, GateResult <-> their JSON codec (GateJson)", "dev.mlops.validation.model",
            "dev.mlops.validation.internal.model")
        .check();
  }
}
