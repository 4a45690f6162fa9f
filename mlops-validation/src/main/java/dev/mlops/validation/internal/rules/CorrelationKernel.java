package dev.mlops.validation.internal.rules;

import dev.mlops.validation.Column;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.Rule;
import dev.mlops.validation.Table;
import dev.mlops.validation.internal.engine.Outcome;
import dev.mlops.validation.internal.engine.RuleState;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code hasCorrelation}: Pearson's r over rows where both columns are non-null, from co-moments merged with
 * Chan's formulas. A NaN in either column makes r NaN (fails) unless {@code nanAsNull}; a constant column makes r
 * undefined (NaN, fails).
 */
final class CorrelationKernel extends ThresholdKernel {

  CorrelationKernel(Rule rule) {
    super(rule, 2);
  }

  @Override
  public @Nullable String schemaProblem(Map<String, ColumnType> schema) {
    return numericProblem(schema);
  }

  @Override
  public RuleState newState() {
    return new CoMomentState(rule);
  }

  private final class CoMomentState extends FilteredState {
    private long n;
    private long nans;
    private double meanX;
    private double meanY;
    private double m2x;
    private double m2y;
    private double cxy;
    private @Nullable Column x;
    private @Nullable Column y;

    CoMomentState(Rule r) {
      super(r);
    }

    @Override
    void bind(Table table) {
      x = table.column(rule.columns().get(0));
      y = table.column(rule.columns().get(1));
    }

    @Override
    void fold(int from, int to) {
      for (int r = from; r < to; r++) {
        if (x.isNull(r) || y.isNull(r)) {
          continue;
        }
        double a = x.getDouble(r);
        double b = y.getDouble(r);
        if (Double.isNaN(a) || Double.isNaN(b)) {
          nans++;
          continue;
        }
        n++;
        double dx = a - meanX;
        meanX += dx / n;
        double dy = b - meanY;
        meanY += dy / n;
        m2x += dx * (a - meanX);
        m2y += dy * (b - meanY);
        cxy += dx * (b - meanY);
      }
    }

    @Override
    public void merge(RuleState other) {
      CoMomentState o = (CoMomentState) other;
      nans += o.nans;
      if (o.n == 0) {
        return;
      }
      if (n == 0) {
        n = o.n;
        meanX = o.meanX;
        meanY = o.meanY;
        m2x = o.m2x;
        m2y = o.m2y;
        cxy = o.cxy;
        return;
      }
      long total = n + o.n;
      double dx = o.meanX - meanX;
      double dy = o.meanY - meanY;
      double f = (double) n * o.n / total;
      m2x += o.m2x + dx * dx * f;
      m2y += o.m2y + dy * dy * f;
      cxy += o.cxy + dx * dy * f;
      meanX += dx * o.n / total;
      meanY += dy * o.n / total;
      n = total;
    }

    @Override
    public Outcome finish() {
      if (n == 0 && (nans == 0 || rule.nanAsNull())) {
        return Outcome.noData("no rows where both columns are non-null");
      }
      double r = nans > 0 && !rule.nanAsNull() ? Double.NaN : cxy / Math.sqrt(m2x * m2y);
      r = Math.max(-1.0, Math.min(1.0, r));
      return Outcome.inRange("Pearson correlation", r, min, max, n);
    }
  }
}
