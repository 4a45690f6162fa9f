package dev.mlops.validation.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.mlops.core.InvalidInputException;
import dev.mlops.validation.Check;
import dev.mlops.validation.Column;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.RowFilter;
import dev.mlops.validation.RowLevelReport;
import dev.mlops.validation.Rule;
import dev.mlops.validation.RuleResult;
import dev.mlops.validation.RuleStatus;
import dev.mlops.validation.Severity;
import dev.mlops.validation.SkippedRule;
import dev.mlops.validation.Table;
import dev.mlops.validation.ValidationResult;
import dev.mlops.validation.ValidationStatus;
import dev.mlops.validation.ValidationSuite;
import dev.mlops.validation.ValueCount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Custom table-level rules from AggregateRuleProviders (registered in META-INF/services of the test resources). */
class AggregateRuleSpiTest {

  private static Table table() {
    return Table.builder().column("x", ColumnType.DOUBLE).column("s", ColumnType.STRING)
        .row(1.0, "a").row(2.0, "a").row(4.0, "b").row(8.0, "c").row(null, "c").row(null, "c").build();
  }

  private static Rule geometric(double min, double max) {
    Map<String, Object> params = new LinkedHashMap<>();   // ordered, so the description reads (x, min, max)
    params.put("min", min);
    params.put("max", max);
    return Rule.of("test.hasGeometricMean", List.of("x"), params);
  }

  private static Rule rare(long k) {
    return Rule.of("test.hasNoRareValues", List.of("s"), Map.of("k", k));
  }

  private static RuleResult only(Rule rule, Table t) {
    return ValidationSuite.builder("one").addCheck(Check.error("c").add(rule)).build().run(t).results().get(0);
  }

  @Test
  void aPluginAggregateRunsLikeABuiltIn() {
    // test.hasGeometricMean and test.hasNoRareValues come from AggregateRuleProviders listed in
    // META-INF/services/dev.mlops.validation.spi.AggregateRuleProvider
    ValidationSuite suite = ValidationSuite.builder("prices").addCheck(Check.error("shape")
        .add(Rule.of("test.hasGeometricMean", List.of("x"), Map.of("min", 2, "max", 3)))
        .add(Rule.of("test.hasNoRareValues", List.of("s"), Map.of("k", 2))).mostly(0.8)
        .add(Rule.of("test.hasGeometricMean", List.of("x"), Map.of("min", 0, "max", 3)))
        .where(RowFilter.gt("x", 1.5)).severity(Severity.WARNING))
        .build();
    ValidationResult result = suite.run(table());
    ValidationSuite back = ValidationSuite.fromJson(suite.toJson());   // custom rules round-trip
    assertThat(back).isEqualTo(suite);
    List<RuleResult> rs = result.results();
    // geometric mean of 1, 2, 4, 8 is 2^1.5
    assertThat(rs.get(0).status()).isEqualTo(RuleStatus.PASSED);
    assertThat(rs.get(0).observedValue()).isCloseTo(Math.pow(2, 1.5), within(1e-12));
    assertThat(rs.get(0).elementCount()).isEqualTo(4);
    assertThat(rs.get(0).message()).isEqualTo("geometric mean is 2.82842712474619, within [2, 3]");
    // b occurs once: 1 of 6 rows unexpected, 5/6 >= 0.8
    assertThat(rs.get(1).status()).isEqualTo(RuleStatus.PASSED);
    assertThat(rs.get(1).observedValue()).isEqualTo(5.0 / 6);
    assertThat(rs.get(1).unexpectedCount()).isEqualTo(1);
    assertThat(rs.get(1).samples()).containsExactly(new ValueCount("b", 1));
    // where x > 1.5: 2, 4, 8 -> 4, outside [0, 3], a warning
    assertThat(rs.get(2).status()).isEqualTo(RuleStatus.FAILED);
    assertThat(rs.get(2).observedValue()).isCloseTo(4.0, within(1e-12));
    assertThat(rs.get(2).severity()).isEqualTo(Severity.WARNING);
    assertThat(result.status()).isEqualTo(ValidationStatus.WARNING);
    assertThat(back.run(table()).results()).isEqualTo(rs);
  }

  @Test
  void mostlyAppliesOnlyToRuleCountingRows() {
    assertThat(only(rare(2).withMostly(0.9), table()).status()).isEqualTo(RuleStatus.FAILED);
    assertThat(only(rare(3), table()).unexpectedCount()).isEqualTo(3);
    assertThatThrownBy(() -> ValidationSuite.builder("m").addCheck(Check.error("c").add(geometric(0, 1))
        .mostly(0.5)).build()).isInstanceOf(InvalidInputException.class).hasMessageContaining("mostly");
    assertThatThrownBy(() -> ValidationSuite.builder("m").addCheck(Check.error("c")
        .add(Rule.of("test.hasNoRareValues", List.of("s"), Map.of("k", 0)))).build())
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("k >= 1");
  }

  @Test
  void noDataUndefinedMetricsAndFailingPluginsStayWithTheirRule() {
    Table nulls = Table.builder().column("x", ColumnType.DOUBLE).column("s", ColumnType.STRING)
        .row(null, null).build();
    assertThat(only(geometric(0, 1), nulls).status()).isEqualTo(RuleStatus.NO_DATA);
    assertThat(only(rare(1), nulls).status()).isEqualTo(RuleStatus.NO_DATA);
    Table negative = Table.of(Column.ofDoubles("x", 3.0, -1.0), Column.ofStrings("s", "a", "b"));
    RuleResult undefined = only(geometric(0, 10), negative);
    assertThat(undefined.status()).isEqualTo(RuleStatus.FAILED);
    assertThat(undefined.observedValue()).isNaN();
    // the plugin reads a string column as doubles and throws: only its rule fails
    ValidationSuite suite = ValidationSuite.builder("b").addCheck(Check.error("c")
        .add(Rule.of("test.hasGeometricMean", List.of("s"), Map.of("min", 0, "max", 1))).isComplete("s")).build();
    List<RuleResult> rs = suite.run(negative).results();
    assertThat(rs.get(0).status()).isEqualTo(RuleStatus.FAILED);
    assertThat(rs.get(0).message()).contains("custom rule failed").contains("IllegalStateException");
    assertThat(rs.get(1).status()).isEqualTo(RuleStatus.PASSED);
  }

  @Test
  void resultsDoNotDependOnThreadsOrChunks() {
    int n = 200_000;
    Column.Builder x = Column.builder("x", ColumnType.DOUBLE, n);
    Column.Builder s = Column.builder("s", ColumnType.STRING, n);
    for (int i = 0; i < n; i++) {
      x.addDouble(1 + (i % 97) * 0.5);
      s.addString("v" + (i % 1013 == 0 ? i : i % 50));
    }
    Table t = Table.of(x.build(), s.build());
    ValidationSuite suite = ValidationSuite.builder("p").parallelism(1).addCheck(Check.error("c")
        .add(geometric(1, 100)).add(rare(2).withMostly(0.99))
        .add(geometric(1, 100).withWhere(RowFilter.lt("x", 20)))).build();
    List<RuleResult> one = suite.run(t).results();
    List<RuleResult> three = suite.toBuilder().parallelism(3).build().run(t).results();
    List<Table> chunks = new ArrayList<>();
    for (int from = 0; from < n; from += 33_333) {
      chunks.add(t.slice(from, Math.min(n, from + 33_333)));
    }
    List<RuleResult> chunked = suite.toBuilder().parallelism(2).build().run(chunks.iterator()).results();
    for (List<RuleResult> other : List.of(three, chunked)) {
      for (int i = 0; i < one.size(); i++) {
        assertThat(other.get(i).status()).isEqualTo(one.get(i).status());
        assertThat(other.get(i).elementCount()).isEqualTo(one.get(i).elementCount());
        assertThat(other.get(i).unexpectedCount()).isEqualTo(one.get(i).unexpectedCount());
        assertThat(other.get(i).samples()).isEqualTo(one.get(i).samples());
        assertThat(other.get(i).observedValue()).isCloseTo(one.get(i).observedValue(), within(1e-9));
      }
    }
    // v<i> for the 197 multiples i > 0 of 1013 occur once each (v0 is also i % 50 == 0)
    assertThat(one.get(1).unexpectedCount()).isEqualTo(197);
  }

  @Test
  void rowLevelValidationNamesPluginAggregatesAsTableLevel() {
    ValidationSuite suite = ValidationSuite.builder("r").addCheck(Check.error("c").add(geometric(0, 10))
        .isComplete("x")).build();
    RowLevelReport report = suite.validateRows(table(), v -> { });
    assertThat(report.appliedRules()).containsExactly("isComplete(x)");
    assertThat(report.skippedRules()).extracting(SkippedRule::rule)
        .containsExactly("test.hasGeometricMean(x, 0, 10)");
    assertThat(report.offendingRows()).isEqualTo(2);
  }
}
