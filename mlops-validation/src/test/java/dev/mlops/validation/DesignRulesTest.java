package dev.mlops.validation;

import dev.mlops.core.testing.DesignRules;
import org.junit.jupiter.api.Test;

/** The design rules every module follows (see {@link DesignRules}), on mlops-validation. */
class DesignRulesTest {
  @Test
  void followsTheDesignRules() {
    DesignRules.forModule(Table.class)
        // Known cycles, being removed by the validation table-model rework (issue 14, branch i14-validation):
        // Column <-> ColumnFactory and Table <-> the readers in internal.table. Delete each allowance with its
        // fix; an allowance that matches no cycle fails this test.
        .allowingCycle("Column <-> ColumnFactory, Table <-> readers", "dev.mlops.validation",
            "dev.mlops.validation.internal.table")
        .allowingCycle("ValidationResult/ValidationSuite <-> ValidationJson", "dev.mlops.validation",
            "dev.mlops.validation.internal.json")
        .allowingCycle("Profile <-> ProfileJson <-> RuleSuggester", "dev.mlops.validation",
            "dev.mlops.validation.internal.json", "dev.mlops.validation.internal.profile")
        .allowingCycle("DatasetProfile, DatasetDrift <-> their JSON codecs", "dev.mlops.validation.drift",
            "dev.mlops.validation.internal.drift")
        .check();
  }
}
