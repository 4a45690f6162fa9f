package dev.mlops.validation.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.InvalidInputException;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

/**
 * Every kernel against scipy 1.10.1 output committed in {@code drift/oracle.json}
 * (made by {@code scripts/drift/generate_drift_oracle.py}), to 1e-9 relative.
 */
class DriftStatisticsOracleTest {
  private static final double RELATIVE = 1e-9;
  /** The worst relative difference seen, for the report printed after the run. */
  private static final AtomicReference<String> WORST = new AtomicReference<>("none");
  private static double worst;

  @AfterAll
  static void printWorstAgreement() {
    System.out.println("worst relative difference to scipy: " + WORST.get());
  }

  @TestFactory
  Stream<DynamicTest> kernelsMatchScipy() throws IOException {
    List<JsonNode> cases = OracleCases.load();
    assertThat(cases).hasSizeGreaterThan(250);
    return cases.stream().map(c -> DynamicTest.dynamicTest(name(c), () -> check(c)));
  }

  private static String name(JsonNode c) {
    StringBuilder sb = new StringBuilder(c.get("kernel").asString()).append(' ').append(c.get("sample").asString());
    for (String key : List.of("requested", "alternative", "midrank", "equalVariances", "yates", "base",
        "continuity")) {
      if (c.has(key)) {
        sb.append(' ').append(key).append('=').append(c.get(key).asString());
      }
    }
    return sb.toString();
  }

  private static void check(JsonNode c) {
    if (c.path("refused").asBoolean(false)) {
      // scipy's p-value is NaN here; the API refuses the input instead of returning it
      assertThat(OracleCases.number(c.get("pValue"))).isNaN();
      assertThatThrownBy(() -> run(c)).isInstanceOf(InvalidInputException.class);
      return;
    }
    StatisticResult r = run(c);
    assertClose("statistic", r.statistic(), OracleCases.number(c.get("statistic")));
    if (c.has("pValue")) {
      assertClose("p-value", r.pValue(), OracleCases.number(c.get("pValue")));
    } else {
      assertThat(r.hasPValue()).isFalse();
    }
    if (c.has("method")) {
      assertThat(r.pValueMethod().name()).isEqualTo(c.get("method").asString());
    }
    if (c.has("clipped")) {
      assertThat(r.pValueClipped()).isEqualTo(c.get("clipped").asBoolean());
    }
  }

  static void assertClose(String what, double actual, double expected) {
    if (Double.isNaN(expected) || Double.isInfinite(expected)) {
      assertThat(actual).as(what).isEqualTo(expected);
    } else if (expected == 0.0) {
      assertThat(Math.abs(actual)).as(what).isLessThanOrEqualTo(1e-15);
    } else {
      double relative = Math.abs(actual - expected) / Math.abs(expected);
      synchronized (WORST) {
        if (relative > worst) {
          worst = relative;
          WORST.set(relative + " (" + what + ", actual " + actual + ", scipy " + expected + ")");
        }
      }
      assertThat(Math.abs(actual - expected) / Math.abs(expected))
          .as("%s: actual %s, scipy %s", what, actual, expected).isLessThanOrEqualTo(RELATIVE);
    }
  }

  private static Alternative alternative(JsonNode c) {
    return switch (c.get("alternative").asString()) {
      case "less" -> Alternative.LESS;
      case "greater" -> Alternative.GREATER;
      default -> Alternative.TWO_SIDED;
    };
  }

  private static StatisticResult run(JsonNode c) {
    String kernel = c.get("kernel").asString();
    if (c.has("x")) {
      double[] x = OracleCases.values(c.get("x"));
      double[] y = OracleCases.values(c.get("y"));
      return switch (kernel) {
        case "ks" -> DriftStatistics.ks(x, y);
        case "ksAsymptotic" -> DriftStatistics.ksAsymptotic(x, y);
        case "wasserstein" -> DriftStatistics.wasserstein(x, y);
        case "wassersteinNormalized" -> DriftStatistics.wassersteinNormalized(x, y);
        case "energyDistance" -> DriftStatistics.energyDistance(x, y);
        case "andersonDarling" -> DriftStatistics.andersonDarling(c.get("midrank").asBoolean(), x, y);
        case "cramerVonMises" -> DriftStatistics.cramerVonMises(x, y,
            PValueMode.valueOf(c.get("requested").asString()));
        case "tTest" -> DriftStatistics.tTest(x, y, c.get("equalVariances").asBoolean());
        case "mannWhitney" -> DriftStatistics.mannWhitney(x, y, alternative(c),
            PValueMode.valueOf(c.get("requested").asString()),
            !c.has("continuity") || c.get("continuity").asBoolean());
        default -> throw new IllegalArgumentException(kernel);
      };
    }
    if (c.has("samples")) {
      JsonNode s = c.get("samples");
      double[][] samples = new double[s.size()][];
      for (int i = 0; i < samples.length; i++) {
        samples[i] = OracleCases.values(s.get(i));
      }
      return DriftStatistics.andersonDarling(c.get("midrank").asBoolean(), samples);
    }
    if (c.has("table")) {
      long[][] t = OracleCases.table(c.get("table"));
      return switch (kernel) {
        case "chiSquare" -> DriftStatistics.chiSquare(t, c.get("yates").asBoolean());
        case "gTest" -> DriftStatistics.gTest(t, c.get("yates").asBoolean());
        case "fisherExact" -> DriftStatistics.fisherExact(t, alternative(c));
        default -> throw new IllegalArgumentException(kernel);
      };
    }
    if (c.has("counts")) {
      JsonNode n = c.get("counts");
      return DriftStatistics.zTestProportions(n.get(0).asLong(), n.get(1).asLong(), n.get(2).asLong(),
          n.get(3).asLong(), alternative(c));
    }
    double[] ref = OracleCases.values(c.get("reference"));
    double[] cur = OracleCases.values(c.get("current"));
    return switch (kernel) {
      case "psi" -> DriftStatistics.psi(ref, cur);
      case "kl" -> DriftStatistics.kl(ref, cur, c.get("base").asDouble());
      case "jensenShannon" -> DriftStatistics.jensenShannon(ref, cur, c.get("base").asDouble());
      case "hellinger" -> DriftStatistics.hellinger(ref, cur);
      case "lInfinity" -> DriftStatistics.lInfinity(ref, cur);
      default -> throw new IllegalArgumentException(kernel);
    };
  }
}
