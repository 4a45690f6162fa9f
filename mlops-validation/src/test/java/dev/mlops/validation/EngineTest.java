package dev.mlops.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.ConfigurationException;
import dev.mlops.validation.io.TableReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineTest {
  @TempDir Path dir;

  private static Table longs(int n) {
    Column.Builder b = Column.builder("id", ColumnType.LONG, n);
    for (int i = 0; i < n; i++) {
      b.addLong(i);
    }
    return Table.of(b.build());
  }

  @Test
  void customRulesComeFromTheServiceLoaderAndRoundTrip() {
    ValidationSuite suite = ValidationSuite.builder("spi").addCheck(Check.error("c")
        .add(Rule.of("test.isMultipleOf", List.of("id"), Map.of("k", 2L)))).build();
    RuleResult r = suite.run(longs(10)).results().get(0);
    assertThat(r.status()).isEqualTo(RuleStatus.FAILED);
    assertThat(r.unexpectedCount()).isEqualTo(5);
    assertThat(ValidationSuite.fromJson(suite.toJson())).isEqualTo(suite);
    assertThatThrownBy(() -> ValidationSuite.builder("x").addCheck(Check.error("c")
        .add(Rule.of("acme.unknown", List.of("id"), Map.of()))).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("acme.unknown")
        .hasMessageContaining("test.isMultipleOf");
  }

  @Test
  void keyColumnsWithMillionsOfDistinctValuesCountExactly() {
    // 300,000 rows, ids 0..299,999 except that every 1000th row repeats id 7 (so past the hash map's switch to the
    // sorted array): 300 rows were overwritten, 301 rows hold 7
    int n = 300_000;
    Column.Builder b = Column.builder("id", ColumnType.LONG, n);
    for (int i = 0; i < n; i++) {
      b.addLong(i % 1000 == 999 ? 7 : i);
    }
    Table t = Table.of(b.build());
    for (int threads : new int[] {1, 2, 3}) {
      ValidationSuite suite = ValidationSuite.builder("keys").parallelism(threads).addCheck(Check.error("c")
          .isUnique("id").hasNumberOfDistinctValues("id", 0, Long.MAX_VALUE).hasUniqueValueRatio("id", 0, 1))
          .build();
      List<RuleResult> rs = suite.run(t).results();
      assertThat(rs.get(0).unexpectedCount()).isEqualTo(301);
      assertThat(rs.get(0).samples()).containsExactly(new ValueCount("7", 301));
      assertThat(rs.get(1).observedValue()).isEqualTo(n - 300.0);
      assertThat(rs.get(2).observedValue()).isEqualTo((n - 301.0) / (n - 300.0));
    }
  }

  @Test
  void approximateMetricsAreInconclusiveWhenTheBoundStraddlesAThreshold() {
    Table t = longs(200_000);
    ValidationSuite suite = ValidationSuite.builder("approx").addCheck(Check.error("c")
        .hasApproxCountDistinct("id", 200_000, 1_000_000)
        .hasApproxCountDistinct("id", 100_000, 400_000)
        .hasApproxCountDistinct("id", 1, 1000)
        .hasApproxMedian("id", 100_000, 200_000)
        .hasApproxMedian("id", 0, 199_999)).build();
    List<RuleResult> rs = suite.run(t).results();
    assertThat(rs.get(0).status()).isEqualTo(RuleStatus.INCONCLUSIVE);
    assertThat(rs.get(0).errorBound()).isPositive();
    assertThat(rs.get(1).status()).isEqualTo(RuleStatus.PASSED);
    assertThat(rs.get(2).status()).isEqualTo(RuleStatus.FAILED);
    // 200,000 values are within the approximate median's exact limit: the answer is the item at rank n / 2, exactly
    // (the sketch's INCONCLUSIVE answers past the limit are in QuantileSketchTest)
    assertThat(rs.get(3).status()).isEqualTo(RuleStatus.FAILED);
    assertThat(rs.get(3).observedValue()).isEqualTo(99_999.0);
    assertThat(rs.get(4).status()).isEqualTo(RuleStatus.PASSED);
    assertThat(rs.get(4).errorBound()).isZero();
    ValidationResult result = suite.run(t);
    assertThat(result.status()).isEqualTo(ValidationStatus.FAILED);
    assertThat(suite.toBuilder().onInconclusive(ValidationStatus.FAILED).build().run(t).results().get(0).status())
        .isEqualTo(RuleStatus.INCONCLUSIVE);
  }

  @Test
  void chunkedCsvValidationMatchesTheWholeTable() throws Exception {
    StringBuilder sb = new StringBuilder("id,amount,cat\n");
    for (int i = 0; i < 5000; i++) {
      sb.append(i % 4999).append(',').append(i % 13 == 0 ? "" : Double.toString(i * 0.25 - 3)).append(',')
          .append(i % 3 == 0 ? "x" : "y").append('\n');
    }
    Path f = dir.resolve("rows.csv");
    Files.writeString(f, sb);
    ValidationSuite suite = ValidationSuite.builder("chunks").addCheck(Check.error("c")
        .isUnique("id").isNonNegative("amount").hasMean("amount", 0, 1000).isContainedIn("cat", java.util.Set.of("x"))
        .hasNumberOfDistinctValues("id", 4999, 4999)).build();
    ValidationResult whole = suite.run(TableReader.readCsv(f));
    ValidationResult chunked;
    try (TableChunks chunks = TableReader.readCsvChunks(f, CsvOptions.defaults(), 700)) {
      chunked = suite.run(chunks);
    }
    for (int i = 0; i < whole.results().size(); i++) {
      RuleResult w = whole.results().get(i);
      RuleResult c = chunked.results().get(i);
      assertThat(c.status()).isEqualTo(w.status());
      assertThat(c.unexpectedCount()).isEqualTo(w.unexpectedCount());
      assertThat(c.samples()).isEqualTo(w.samples());
    }
    assertThat(whole.results().get(0).samples()).containsExactly(new ValueCount("0", 2));
    List<RowViolation> rows = new ArrayList<>();
    RowLevelReport chunkReport;
    try (TableChunks chunks = TableReader.readCsvChunks(f, CsvOptions.defaults(), 700)) {
      chunkReport = suite.validateRows(chunks, rows::add);
    }
    assertThat(chunkReport.rows()).isEqualTo(5000);
    assertThat(chunkReport.skippedRules()).extracting(SkippedRule::rule)
        .containsExactly("isUnique(id)", "hasMean(amount, 0, 1000)", "hasNumberOfDistinctValues(id, 4999, 4999)");
    assertThat(chunkReport.skippedRules().get(0).reason()).contains("stream of chunks");
    List<RowViolation> all = new ArrayList<>();
    RowLevelReport tableReport = suite.validateRows(TableReader.readCsv(f), all::add);
    assertThat(tableReport.appliedRules()).contains("isUnique(id)");
    // the whole table also judges the key rule: row 0 (id 0, like row 4999) breaks only isUnique
    assertThat(all).hasSize(rows.size() + 1);
    assertThat(all.get(0).row()).isZero();
    assertThat(all.get(0).violations()).singleElement()
        .satisfies(v -> assertThat(v.reason()).contains("'0' occurs 2 times"));
    assertThat(rows.get(rows.size() - 1).row()).isEqualTo(4999);
  }
}
