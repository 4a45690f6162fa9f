package dev.mlops.validation.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.validation.Column;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.Rule;
import dev.mlops.validation.Table;
import dev.mlops.validation.internal.engine.RowTester;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The range rules' one-loop judge of a double column gives the same judged count and failing rows as judging each
 * row on its own, under every null policy, with nulls, NaN, infinities and values on the bounds.
 */
class RangeJudgeProperties {
  @Provide
  Arbitrary<List<Double>> values() {
    // null stands for a null row
    return Arbitraries.oneOf(Arbitraries.of(Double.NaN, 0.0, -0.0, 1.0, 10.0, Double.NEGATIVE_INFINITY,
        Double.POSITIVE_INFINITY), Arbitraries.doubles().between(-5, 15), Arbitraries.just((Double) null))
        .list().ofMaxSize(80);
  }

  @Property(tries = 400)
  void oneLoopJudgesAsRowByRow(@ForAll("values") List<Double> values, @ForAll boolean nullsFail,
      @ForAll boolean nanAsNull, @ForAll boolean minInclusive, @ForAll boolean maxInclusive) {
    Column.Builder b = Column.builder("x", ColumnType.DOUBLE, values.size());
    for (Double v : values) {
      if (v == null) {
        b.addNull();
      } else {
        b.addDouble(v);
      }
    }
    Table t = Table.of(b.build());
    Rule rule = Rule.of("isBetween", List.of("x"), Map.of("min", 1.0, "max", 10.0, "minInclusive", minInclusive,
        "maxInclusive", maxInclusive)).withNullPolicy(nullsFail, nanAsNull, false);
    RowTester tester = new RangeKernel(rule, 1.0, 10.0, minInclusive, maxInclusive).bind(t);
    int n = values.size();
    int[] fast = new int[n];
    int[] slow = new int[n];
    long a = tester.judge(0, n, fast);
    long e = 0;
    int failures = 0;
    int judged = 0;
    for (int r = 0; r < n; r++) {
      int v = tester.test(r);
      if (v != RowTester.SKIP) {
        judged++;
        if (v == RowTester.FAIL) {
          slow[failures++] = r;
        }
      }
    }
    e = (long) judged << 32 | failures;
    assertThat(a >>> 32).as("judged").isEqualTo(e >>> 32);
    assertThat((int) a).as("failures").isEqualTo((int) e);
    assertThat(java.util.Arrays.copyOf(fast, (int) a)).isEqualTo(java.util.Arrays.copyOf(slow, failures));
  }
}
