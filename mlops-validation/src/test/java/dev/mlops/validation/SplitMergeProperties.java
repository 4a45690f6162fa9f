package dev.mlops.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** Results never depend on how a table is split into chunks or blocks: merged states equal one state. */
class SplitMergeProperties {
  private static final ValidationSuite SUITE = ValidationSuite.builder("split").parallelism(1).addCheck(Check
      .error("exact")
      .hasSize(0, 1000)
      .isComplete("x")
      .isNonNegative("x")
      .isBetween("a", -1, 2).mostly(0.5)
      .isContainedIn("s", Set.of("a", "b"))
      .hasPattern("s", "a")
      .isUnique("a")
      .isPrimaryKey("a", "s")
      .hasNoDuplicateRows()
      .hasDistinctness("s", 0, 1)
      .hasUniqueValueRatio("a", 0, 1)
      .hasNumberOfDistinctValues("a", 0, 3)
      .hasDistinctValuesEqualTo("s", Set.of("a", "b", ""))
      .hasTopValuesIn("s", 1, Set.of("a"))
      .hasEntropy("s", 0, 10)
      .hasMutualInformation("a", "s", 0, 10)
      .isLessThan("a", "x")
      .hasMean("x", -1e300, 1e300).nanAsNull()
      .hasSum("x", -1e300, 1e300).nanAsNull()
      .hasMin("x", -1e300, 1e300)
      .hasStandardDeviation("x", 0, 1e300).nanAsNull()
      .hasSampleVariance("x", 0, 1e300).nanAsNull()
      .hasMedian("x", -1e300, 1e300).nanAsNull()
      .hasIqr("x", 0, 1e300).nanAsNull()
      .hasCorrelation("a", "x", -1, 1).nanAsNull()
      .areAnyComplete("a", "s")
      .add(Rule.of("test.hasGeometricMean", List.of("x"), Map.of("min", 0, "max", 1e300)))
      .where(RowFilter.gt("a", -2))
      .add(Rule.of("test.hasNoRareValues", List.of("s"), Map.of("k", 2))).mostly(0.5)
      .where(RowFilter.isNotNull("a")))
      .build();
  private static final List<ValidationSuite> KEY_RULES = List.of(
      ValidationSuite.builder("k").addCheck(Check.error("c").isUnique("a")).build(),
      ValidationSuite.builder("k").addCheck(Check.error("c").isUnique("x").nullsFail()).build(),
      ValidationSuite.builder("k").addCheck(Check.error("c").isPrimaryKey("a", "s").where(RowFilter.ne("s", "b")))
          .build(),
      ValidationSuite.builder("k").addCheck(Check.error("c").hasNoDuplicateRows()).build());

  @Provide
  Arbitrary<Tuple.Tuple2<Table, List<Integer>>> tableAndCuts() {
    Arbitrary<Object> a = Arbitraries.oneOf(Arbitraries.longs().between(-3, 3).map(v -> (Object) v),
        Arbitraries.just(null));
    Arbitrary<Object> x = Arbitraries.of(-1.5, 0.0, -0.0, 2.5, 1e9, Double.NaN, 3.25).map(v -> (Object) v)
        .injectNull(0.15);
    Arbitrary<Object> s = Arbitraries.of("", "a", "b", "ab").map(v -> (Object) v).injectNull(0.15);
    Arbitrary<List<Object[]>> rows = Combinators.combine(a, x, s).as((p, q, r) -> new Object[] {p, q, r})
        .list().ofMaxSize(60);
    return rows.flatMap(rs -> Arbitraries.integers().between(0, rs.size()).list().ofMaxSize(5)
        .map(cuts -> Tuple.of(table(rs), cuts)));
  }

  private static Table table(List<Object[]> rows) {
    Table.Builder b = Table.builder().column("a", ColumnType.LONG).column("x", ColumnType.DOUBLE)
        .column("s", ColumnType.STRING);
    rows.forEach(b::row);
    return b.build();
  }

  @Property(tries = 200)
  void splittingAnywhereGivesTheSameResult(@ForAll("tableAndCuts") Tuple.Tuple2<Table, List<Integer>> input) {
    Table table = input.get1();
    List<Integer> cuts = new ArrayList<>(input.get2());
    cuts.add(0);
    cuts.add(table.rowCount());
    cuts.sort(null);
    List<Table> chunks = new ArrayList<>();
    for (int i = 0; i + 1 < cuts.size(); i++) {
      chunks.add(table.slice(cuts.get(i), cuts.get(i + 1)));
    }
    List<RuleResult> whole = SUITE.run(table).results();
    List<RuleResult> split = SUITE.toBuilder().parallelism(2).build().run(chunks.iterator()).results();
    for (int i = 0; i < whole.size(); i++) {
      RuleResult w = whole.get(i);
      RuleResult p = split.get(i);
      assertThat(p.status()).as(w.rule()).isEqualTo(w.status());
      assertThat(p.elementCount()).as(w.rule()).isEqualTo(w.elementCount());
      assertThat(p.unexpectedCount()).as(w.rule()).isEqualTo(w.unexpectedCount());
      assertThat(p.samples()).as(w.rule()).isEqualTo(w.samples());
      if (w.observedValue() == null || w.observedValue().isNaN()) {
        assertThat(p.observedValue()).as(w.rule()).isEqualTo(w.observedValue());
      } else {
        double e = w.observedValue();
        assertThat(p.observedValue()).as(w.rule()).isCloseTo(e, within(1e-9 * Math.max(1, Math.abs(e))));
      }
    }
  }

  @Property(tries = 200)
  void rowLevelKeyViolationsAreExactlyTheUnexpectedRowsOfTheRun(
      @ForAll("tableAndCuts") Tuple.Tuple2<Table, List<Integer>> input) {
    Table table = input.get1();
    for (ValidationSuite suite : KEY_RULES) {
      List<Long> rows = new ArrayList<>();
      suite.validateRows(table, v -> rows.add(v.row()));
      RuleResult run = suite.run(table).results().get(0);
      assertThat((long) rows.size()).as(run.rule()).isEqualTo(run.unexpectedCount());
      assertThat(suite.split(table).invalid().rowCount()).as(run.rule()).isEqualTo(rows.size());
    }
  }
}
