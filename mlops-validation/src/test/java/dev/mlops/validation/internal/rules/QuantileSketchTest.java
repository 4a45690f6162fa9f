package dev.mlops.validation.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.validation.Column;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.Rule;
import dev.mlops.validation.RuleStatus;
import dev.mlops.validation.Table;
import dev.mlops.validation.internal.engine.Outcome;
import dev.mlops.validation.internal.engine.RuleState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The approximate quantile past its exact limit (a small limit here; 2^24 values by default): the kept values move
 * into the KLL sketch, on a worker or when merging, and a threshold inside the error bound is INCONCLUSIVE.
 */
class QuantileSketchTest {
  private static Table longs(int n) {
    Column.Builder b = Column.builder("id", ColumnType.LONG, n);
    for (int i = 0; i < n; i++) {
      b.addLong(i);
    }
    return Table.of(b.build());
  }

  private static Outcome median(Table t, double min, double max, long limit, int parts) {
    QuantileKernel k = new QuantileKernel(Rule.of("hasApproxQuantile", List.of("id"),
        Map.of("q", 0.5, "min", min, "max", max)), true, 0.5, limit);
    RuleState merged = null;
    int n = t.rowCount();
    for (int p = 0; p < parts; p++) {
      RuleState s = k.newState();
      s.update(t, p * n / parts, (p + 1) * n / parts);
      s.seal();
      if (merged == null) {
        merged = s;
      } else {
        merged.merge(s);
      }
    }
    return merged.finish();
  }

  @Test
  void pastTheLimitTheSketchAnswersWithItsErrorBound() {
    Table t = longs(200_000);
    // each part under the limit, the merge past it
    for (int parts : new int[] {1, 4}) {
      Outcome straddles = median(t, 100_000, 200_000, 60_000, parts);
      assertThat(straddles.status()).as("%d parts", parts).isEqualTo(RuleStatus.INCONCLUSIVE);
      Outcome passes = median(t, 0, 199_999, 60_000, parts);
      assertThat(passes.status()).isEqualTo(RuleStatus.PASSED);
      assertThat(passes.errorBound()).isBetween(0.001, 0.05);
      assertThat(passes.observed()).isBetween(90_000.0, 110_000.0);
    }
  }

  @Test
  void withinTheLimitTheAnswerIsExactWhateverTheSplit() {
    Table t = longs(200_001);
    for (int parts : new int[] {1, 3, 7}) {
      Outcome o = median(t, 100_000, 100_000, QuantileKernel.EXACT_LIMIT, parts);
      assertThat(o.status()).isEqualTo(RuleStatus.PASSED);
      assertThat(o.observed()).isEqualTo(100_000.0);
      assertThat(o.errorBound()).isZero();
    }
  }
}
