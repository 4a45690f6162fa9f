package dev.mlops.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Row-level results and splits with key rules, the report of table-level rules, and single records. */
class RowLevelTest {

  private static Table people() {
    return Table.builder().column("id", ColumnType.LONG).column("team", ColumnType.STRING)
        .column("score", ColumnType.DOUBLE)
        .row(1L, "a", 1.0)
        .row(2L, "b", 2.0)
        .row(1L, "a", 1.0)
        .row(3L, null, 0.0)
        .row(4L, "b", 2.0)
        .row(1L, "c", -0.0)
        .row(null, null, 0.0)
        .build();
  }

  private static List<RowViolation> offending(ValidationSuite suite, Table table) {
    List<RowViolation> out = new ArrayList<>();
    suite.validateRows(table, out::add);
    return out;
  }

  private static List<Long> rows(List<RowViolation> violations) {
    return violations.stream().map(RowViolation::row).toList();
  }

  @Test
  void everyCopyOfADuplicatedValueIsAnOffendingRow() {
    ValidationSuite suite = ValidationSuite.builder("keys").addCheck(Check.error("c").isUnique("id")).build();
    List<RowViolation> bad = offending(suite, people());
    assertThat(rows(bad)).containsExactly(0L, 2L, 5L);
    assertThat(bad.get(0).violations()).singleElement().satisfies(v -> {
      assertThat(v.rule()).isEqualTo("isUnique(id)");
      assertThat(v.reason()).contains("'1' occurs 3 times");
    });
    RuleResult run = suite.run(people()).results().get(0);
    assertThat(run.unexpectedCount()).isEqualTo(bad.size());
    TableSplit split = suite.split(people());
    assertThat(split.invalid().rowCount()).isEqualTo(3);
    assertThat(split.valid().rowCount()).isEqualTo(4);
    assertThat(split.skippedRules()).isEmpty();
  }

  @Test
  void compoundKeysSkipNullPartsUnlessNullsFailAndDuplicateRowsTreatNullsAsEqual() {
    ValidationSuite pk = ValidationSuite.builder("pk").addCheck(Check.error("c").isPrimaryKey("team", "score"))
        .build();
    // (a, 1.0) twice, (b, 2.0) twice; -0.0 counts as 0.0 but team c differs; null teams are not judged
    assertThat(rows(offending(pk, people()))).containsExactly(0L, 1L, 2L, 4L);
    assertThat(offending(pk, people()).get(0).violations().get(0).reason()).contains("key 'a | 1.0' occurs 2 times");
    ValidationSuite pkNulls = ValidationSuite.builder("pk").addCheck(Check.error("c").isPrimaryKey("team", "score")
        .nullsFail()).build();
    List<RowViolation> withNulls = offending(pkNulls, people());
    assertThat(rows(withNulls)).containsExactly(0L, 1L, 2L, 3L, 4L, 6L);
    assertThat(withNulls.get(3).violations().get(0).reason()).contains("null in key [team, score]");
    assertThat(pkNulls.run(people()).results().get(0).unexpectedCount()).isEqualTo(withNulls.size());

    ValidationSuite dupRows = ValidationSuite.builder("rows").addCheck(Check.error("c").hasNoDuplicateRows())
        .build();
    Table t = Table.builder().column("x", ColumnType.LONG).column("s", ColumnType.STRING)
        .row(1L, null).row(1L, null).row(1L, "a").row(2L, null).build();
    List<RowViolation> dups = offending(dupRows, t);
    assertThat(rows(dups)).containsExactly(0L, 1L);
    assertThat(dups.get(0).violations().get(0).reason()).contains("row '1 | null' occurs 2 times");
    assertThat(dupRows.run(t).results().get(0).unexpectedCount()).isEqualTo(2);
  }

  @Test
  void whereFiltersAndTheNullPolicyApplyToKeyRulesRowByRow() {
    ValidationSuite suite = ValidationSuite.builder("w").addCheck(Check.error("c").isUnique("team")
        .where(RowFilter.gt("score", 0.5))).build();
    // teams of rows with score > 0.5: a, b, a, b -> all four duplicated; rows 3, 5, 6 are filtered out
    assertThat(rows(offending(suite, people()))).containsExactly(0L, 1L, 2L, 4L);
    ValidationSuite empty = ValidationSuite.builder("e").addCheck(Check.error("c").isUnique("s").emptyAsNull())
        .build();
    Table t = Table.builder().column("s", ColumnType.STRING).row("").row("").row("x").build();
    assertThat(offending(empty, t)).isEmpty();
    assertThat(empty.run(t).results().get(0).status()).isEqualTo(RuleStatus.PASSED);
  }

  @Test
  void theReportNamesEveryRuleItDidNotApplyRowByRow() {
    Table table = people();
    ValidationSuite suite = ValidationSuite.builder("mixed").addCheck(Check.error("c")
        .hasSize(1, 100).isUnique("id").isNonNegative("score").hasMean("score", 0, 10)
        .hasApproxQuantile("score", 0.5, 0, 10).isComplete("missing")).build();
    // every copy of a duplicated id is an offending row; aggregates are reported, not applied
    RowLevelReport report = suite.validateRows(table, bad -> System.out.println(bad.row() + " " + bad.violations()));
    report.skippedRules().forEach(s -> System.out.println("not row-level: " + s.rule() + " (" + s.reason() + ")"));
    TableSplit split = suite.split(table);   // valid rows, invalid rows (all copies of a duplicate)
    assertThat(report.rows()).isEqualTo(7);
    assertThat(report.appliedRules()).containsExactly("isUnique(id)", "isNonNegative(score)");
    assertThat(report.skippedRules()).extracting(SkippedRule::rule).containsExactly("hasSize(1, 100)",
        "hasMean(score, 0, 10)", "hasApproxQuantile(score, 0.5, 0, 10)", "isComplete(missing)");
    assertThat(report.skippedRules().get(1).reason()).contains("table-level").contains("no single row");
    assertThat(report.skippedRules().get(3).reason()).contains("'missing' does not exist");
    assertThat(report.offendingRows()).isEqualTo(3);
    assertThat(split.skippedRules()).isEqualTo(report.skippedRules());
    assertThat(split.invalid().rowCount()).isEqualTo(3);
  }

  @Test
  void singleRecordValidatorsRefuseKeyRulesUnlessToldToSkipThem() {
    ValidationSuite suite = ValidationSuite.builder("serve").addCheck(Check.error("c")
        .isUnique("id").isNonNegative("score").hasMean("score", 0, 10)).build();
    Map<String, ColumnType> schema = Map.of("id", ColumnType.LONG, "score", ColumnType.DOUBLE);
    assertThatThrownBy(() -> suite.rowValidator(schema)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("isUnique(id) in check 'c'").hasMessageContaining("KeyRules.SKIP");
    RowValidator v = suite.rowValidator(schema, RowValidator.KeyRules.SKIP);
    assertThat(v.ruleCount()).isEqualTo(1);
    assertThat(v.skippedRules()).extracting(SkippedRule::rule).containsExactly("isUnique(id)",
        "hasMean(score, 0, 10)");
    assertThat(v.skippedRules().get(0).reason()).contains("single record");
    RowValidator.Row row = v.newRow();
    assertThat(row.setLong("id", 1).setDouble("score", -1).isValid()).isFalse();
    ValidationSuite noKeys = ValidationSuite.builder("serve").addCheck(Check.error("c").isNonNegative("score"))
        .build();
    assertThat(noKeys.rowValidator(schema).skippedRules()).isEmpty();
  }
}
