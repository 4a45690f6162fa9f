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
        .allowingCycle("Table.filter builds an internal RowPredicate that reads the Table (with the writers)",
            "dev.mlops.validation", "dev.mlops.validation.internal.engine")
        .allowingCycle("Rule reads RuleCatalogue's shared predicates while the kernels read Rule",
            "dev.mlops.validation", "dev.mlops.validation.internal.engine", "dev.mlops.validation.internal.rules")
        .allowingCycle("ValidationResult/ValidationSuite <-> ValidationJson", "dev.mlops.validation",
            "dev.mlops.validation.internal.json")
        .allowingCycle("Profile <-> ProfileJson <-> RuleSuggester", "dev.mlops.validation",
            "dev.mlops.validation.internal.json", "dev.mlops.validation.internal.profile")
        .allowingCycle("DatasetProfile, DatasetDrift <-> their JSON codecs", "dev.mlops.validation.drift",
            "dev.mlops.validation.internal.drift")
        .check();
  }
}
