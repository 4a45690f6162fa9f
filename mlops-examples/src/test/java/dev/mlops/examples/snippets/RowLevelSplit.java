package dev.mlops.examples.snippets;

import dev.mlops.validation.Check;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.RowLevelReport;
import dev.mlops.validation.Table;
import dev.mlops.validation.TableSplit;
import dev.mlops.validation.ValidationSuite;

public class RowLevelSplit {
  public static void main(String[] args) {
    Table table = Table.builder().column("id", ColumnType.LONG).column("score", ColumnType.DOUBLE)
        .row(1L, 2.5).row(2L, -1.0).row(2L, 4.0).row(3L, 7.5).build();
    ValidationSuite suite = ValidationSuite.builder("mixed").addCheck(Check.error("c")
        .hasSize(1, 100).isUnique("id").isNonNegative("score").hasMean("score", 0, 10)
        .hasApproxQuantile("score", 0.5, 0, 10).isComplete("missing")).build();
    // every copy of a duplicated id is an offending row; aggregates are reported, not applied
    RowLevelReport report = suite.validateRows(table, bad -> System.out.println("row " + bad.row() + ": "
        + bad.violations().stream().map(v -> v.rule()).toList()));
    report.skippedRules().forEach(s -> System.out.println("not row-level: " + s.rule() + " (" + s.reason() + ")"));
    TableSplit split = suite.split(table);   // valid rows, invalid rows (all copies of a duplicate)
    System.out.println(split.valid().rowCount() + " valid, " + split.invalid().rowCount() + " invalid");
  }
}
