package dev.mlops.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ValidationSuiteTest {
  private static Table orders() {
    return Table.builder().column("id", ColumnType.LONG).column("category", ColumnType.STRING)
        .column("amount", ColumnType.DOUBLE).column("email", ColumnType.STRING)
        .row(1L, "a", 10.0, "x@example.com")
        .row(2L, "b", null, "y@example.com")
        .row(2L, "z", -5.0, "not-an-email")
        .row(4L, null, Double.NaN, "w@example.org")
        .build();
  }

  @Test
  void deequNamedRulesReportObservedValuesAndOffendersWithCounts() {
    ValidationSuite suite = ValidationSuite.builder("orders")
        .addCheck(Check.error("basics")
            .hasSize(1, 10)
            .isComplete("id")
            .isUnique("id")
            .hasCompleteness("category", 0.7)
            .isContainedIn("category", Set.of("a", "b"))
            .isNonNegative("amount")
            .hasPattern("email", "^[^@]+@[^@]+$"))
        .addCheck(Check.warning("stats").hasMean("amount", 0, 100).hasMin("amount", -10, 0).nanAsNull())
        .build();
    ValidationResult r = suite.run(orders());
    assertThat(r.status()).isEqualTo(ValidationStatus.FAILED);
    List<RuleResult> rs = r.results();
    assertThat(rs.get(0).status()).isEqualTo(RuleStatus.PASSED);
    assertThat(rs.get(0).observedValue()).isEqualTo(4.0);
    assertThat(rs.get(1).status()).isEqualTo(RuleStatus.PASSED);
    RuleResult unique = rs.get(2);
    assertThat(unique.status()).isEqualTo(RuleStatus.FAILED);
    assertThat(unique.unexpectedCount()).isEqualTo(2);
    assertThat(unique.samples()).containsExactly(new ValueCount("2", 2));
    assertThat(rs.get(3).status()).isEqualTo(RuleStatus.PASSED);
    assertThat(rs.get(3).observedValue()).isEqualTo(0.75);
    RuleResult contained = rs.get(4);
    assertThat(contained.unexpectedCount()).isEqualTo(1);
    assertThat(contained.elementCount()).isEqualTo(3);
    assertThat(contained.message()).contains("'z' (1)");
    RuleResult nonNeg = rs.get(5);
    assertThat(nonNeg.elementCount()).isEqualTo(3);
    assertThat(nonNeg.unexpectedCount()).isEqualTo(2);
    assertThat(nonNeg.samples()).extracting(ValueCount::value).containsExactly("-5.0", "NaN");
    assertThat(rs.get(6).unexpectedCount()).isEqualTo(1);
    RuleResult mean = rs.get(7);
    assertThat(mean.status()).isEqualTo(RuleStatus.FAILED);
    assertThat(mean.observedValue()).isNaN();
    assertThat(rs.get(8).observedValue()).isEqualTo(-5.0);
    assertThat(r.toJson()).contains("\"observedValue\" : \"NaN\"").contains("mlops.validation.result/v1");
  }

  @Test
  void zeroRowsAndAllNullColumnsAreNoData() {
    Table empty = Table.of(Column.ofDoubles("x"));
    Table allNull = Table.builder().column("x", ColumnType.DOUBLE).row((Object) null).row((Object) null).build();
    ValidationSuite suite = ValidationSuite.builder("s")
        .addCheck(Check.error("c").hasSize(0, 0).isBetween("x", 0, 1).hasMean("x", 0, 1).isComplete("x"))
        .build();
    ValidationResult e = suite.run(empty);
    assertThat(e.results()).extracting(RuleResult::status).containsExactly(RuleStatus.PASSED, RuleStatus.NO_DATA,
        RuleStatus.NO_DATA, RuleStatus.NO_DATA);
    assertThat(e.status()).isEqualTo(ValidationStatus.WARNING);
    ValidationResult n = suite.run(allNull);
    assertThat(n.results()).extracting(RuleResult::status).containsExactly(RuleStatus.FAILED, RuleStatus.NO_DATA,
        RuleStatus.NO_DATA, RuleStatus.FAILED);
    ValidationSuite strict = suite.toBuilder().onNoData(ValidationStatus.FAILED).build();
    assertThat(strict.run(empty).status()).isEqualTo(ValidationStatus.FAILED);
  }

  @Test
  void aNullShowsBareAndTheTextNullShowsQuoted() {
    Table t = Table.fromMaps(java.util.Arrays.asList(Map.of("s", "a"), Map.of("s", "null"),
        java.util.Collections.singletonMap("s", null), java.util.Collections.singletonMap("s", null)));
    RuleResult r = ValidationSuite.builder("s").addCheck(Check.error("c").isContainedIn("s", Set.of("a")).nullsFail())
        .build().run(t).results().get(0);
    assertThat(r.message()).endsWith("3 unexpected: null (2), 'null' (1)");
  }

  @Test
  void missingColumnFailsTheRuleWithAMessage() {
    ValidationResult r = ValidationSuite.builder("s").addCheck(Check.error("c").isComplete("nope")).build()
        .run(orders());
    assertThat(r.results().get(0).status()).isEqualTo(RuleStatus.FAILED);
    assertThat(r.results().get(0).message()).contains("'nope' does not exist");
  }

  @Test
  void mostlyWhereAndNullPolicy() {
    ValidationSuite suite = ValidationSuite.builder("s").addCheck(Check.error("c")
        .isBetween("amount", 0, 100).mostly(0.5)
        .isBetween("amount", 0, 100).where(RowFilter.eq("category", "a"))
        .isBetween("amount", 0, 100).nullsFail().nanAsNull()).build();
    List<RuleResult> rs = suite.run(orders()).results();
    assertThat(rs.get(0).status()).isEqualTo(RuleStatus.FAILED);
    assertThat(rs.get(0).observedValue()).isEqualTo(1.0 / 3);
    assertThat(rs.get(1).status()).isEqualTo(RuleStatus.PASSED);
    assertThat(rs.get(1).elementCount()).isEqualTo(1);
    assertThat(rs.get(2).elementCount()).isEqualTo(4);
    assertThat(rs.get(2).unexpectedCount()).isEqualTo(3);
    assertThatThrownBy(() -> ValidationSuite.builder("s").addCheck(Check.error("c").hasMean("x", 0, 1).mostly(0.5))
        .build()).isInstanceOf(InvalidInputException.class).hasMessageContaining("mostly");
  }

  @Test
  void rowLevelSinkSplitAndSingleRecord() {
    ValidationSuite suite = ValidationSuite.builder("s").addCheck(Check.error("c")
        .isNonNegative("amount").isContainedIn("category", Set.of("a", "b")).isEmail("email")
        .hasMean("amount", 0, 1)).build();
    List<RowViolation> bad = new ArrayList<>();
    RowLevelReport report = suite.validateRows(orders(), bad::add);
    assertThat(report.offendingRows()).isEqualTo(2);
    assertThat(report.rows()).isEqualTo(4);
    assertThat(report.skippedRules()).singleElement().satisfies(sk -> {
      assertThat(sk.rule()).isEqualTo("hasMean(amount, 0, 1)");
      assertThat(sk.reason()).contains("table-level");
    });
    assertThat(bad.get(0).row()).isEqualTo(2);
    assertThat(bad.get(0).violations()).hasSize(3);
    assertThat(bad.get(0).violations().get(0).reason()).contains("-5.0");
    assertThat(bad.get(1).row()).isEqualTo(3);
    TableSplit split = suite.split(orders());
    assertThat(split.valid().rowCount()).isEqualTo(2);
    assertThat(split.invalid().column("id").getLong(0)).isEqualTo(2);

    RowValidator v = suite.rowValidator(Map.of("amount", ColumnType.DOUBLE, "category", ColumnType.STRING,
        "email", ColumnType.STRING));
    assertThat(v.ruleCount()).isEqualTo(3);
    RowValidator.Row row = v.newRow();
    row.setDouble("amount", 3).setString("category", "a").setString("email", "q@x.io");
    assertThat(row.isValid()).isTrue();
    assertThat(row.validate()).isEmpty();
    row.setDouble("amount", -1);
    assertThat(row.isValid()).isFalse();
    assertThat(row.validate()).singleElement().satisfies(x -> assertThat(x.reason()).contains("-1.0"));
    row.clear();
    assertThat(row.isValid()).isTrue();
  }

  @Test
  void suitesRoundTripThroughJsonAndLambdasAreRefused() {
    ValidationSuite suite = ValidationSuite.builder("s").onInconclusive(ValidationStatus.FAILED)
        .addCheck(Check.error("c").isBetween("amount", 0, Double.POSITIVE_INFINITY, false, true).mostly(0.9)
            .where(RowFilter.and(RowFilter.eq("category", "a"), RowFilter.not(RowFilter.isNull("id"))))
            .hasPattern("email", "\\w+@", MatchMode.FULL).severity(Severity.WARNING).emptyAsNull()
            .isContainedIn("category", Set.of("b", "a")).hasApproxQuantile("amount", 0.9, 0, 1)
            .hasTopValuesIn("category", 2, Set.of("a")).hasColumnSet(List.of("id"), ColumnSetMode.EXTRA_ALLOWED))
        .build();
    String json = suite.toJson();
    ValidationSuite back = ValidationSuite.fromJson(json);
    assertThat(back).isEqualTo(suite);
    assertThat(back.toJson()).isEqualTo(json);
    assertThat(back.run(orders()).results()).hasSize(6);

    ValidationSuite lambda = ValidationSuite.builder("l")
        .addCheck(Check.error("c").satisfies("id positive", row -> row.getLong("id") > 0)).build();
    assertThat(lambda.run(orders()).status()).isEqualTo(ValidationStatus.PASSED);
    assertThatThrownBy(lambda::toJson).isInstanceOf(InvalidInputException.class).hasMessageContaining("lambda");
    assertThatThrownBy(() -> ValidationSuite.fromJson(json.replace("suite/v1", "suite/v9")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("v9");
  }
}
