package dev.mlops.validation.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fisher's exact test on tables totalling close to 2^31 - 1, against the answers committed in
 * {@code drift/fisher-huge-oracle.json} (made by {@code scripts/drift/generate_fisher_huge_oracle.py}).
 * Summing every term of such a table's tails takes seconds to minutes; the tails are summed only as far as
 * their terms matter, and this test checks the results, never the time.
 *
 * <p>Each case holds two answers. {@code pValue} is scipy's {@code fisher_exact} algorithm carried out with
 * mpmath at 40 digits, which the result must match to {@value #EXACT} relative. {@code scipy} is scipy
 * 1.10.1's own answer: at these totals its hypergeometric pmf (Boost's Lanczos approximation) is off by up to
 * 5e-7 relative, so it is checked only to {@value #SCIPY} relative.
 */
class FisherExactHugeTotalsTest {
  private static final double EXACT = 1e-13;
  private static final double SCIPY = 1e-6;

  @TestFactory
  Stream<DynamicTest> hugeTablesMatchScipy() throws IOException {
    List<JsonNode> cases = new ArrayList<>();
    try (InputStream in = FisherExactHugeTotalsTest.class.getResourceAsStream("/drift/fisher-huge-oracle.json")) {
      JsonMapper.builder().build().readTree(in).get("cases").forEach(cases::add);
    }
    assertThat(cases).hasSizeGreaterThanOrEqualTo(40);
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.get("sample").asString() + " "
        + c.get("alternative").asString(), () -> check(c)));
  }

  private static void check(JsonNode c) {
    long[][] table = OracleCases.table(c.get("table"));
    long total = table[0][0] + table[0][1] + table[1][0] + table[1][1];
    assertThat(total).isGreaterThan(1L << 30).isLessThanOrEqualTo(Integer.MAX_VALUE);
    Alternative alternative = switch (c.get("alternative").asString()) {
      case "less" -> Alternative.LESS;
      case "greater" -> Alternative.GREATER;
      default -> Alternative.TWO_SIDED;
    };
    StatisticResult r = DriftStatistics.fisherExact(table, alternative);
    assertClose("odds ratio", r.statistic(), OracleCases.number(c.get("statistic")), EXACT);
    assertClose("p-value", r.pValue(), OracleCases.number(c.get("pValue")), EXACT);
    assertClose("p-value against scipy's own", r.pValue(), OracleCases.number(c.get("scipy")), SCIPY);
  }

  private static void assertClose(String what, double actual, double expected, double relative) {
    if (Double.isNaN(expected) || Double.isInfinite(expected)) {
      assertThat(actual).as(what).isEqualTo(expected);
    } else if (expected == 0.0) {
      assertThat(actual).as(what).isEqualTo(0.0);
    } else {
      assertThat(Math.abs(actual - expected) / Math.abs(expected))
          .as("%s: actual %s, expected %s", what, actual, expected).isLessThanOrEqualTo(relative);
    }
  }
}
