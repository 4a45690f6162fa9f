package dev.mlops.validation.spi;

import dev.mlops.core.InvalidInputException;
import dev.mlops.validation.Column;
import dev.mlops.validation.Rule;
import dev.mlops.validation.RowView;
import dev.mlops.validation.Table;

/**
 * A test aggregate: {@code test.hasGeometricMean(column, min, max)}, the geometric mean of a numeric column's
 * non-null values; a value that is not positive (or NaN) makes it undefined, which fails. Reads blocks column-wise.
 */
public final class GeometricMeanRuleProvider implements AggregateRuleProvider {
  @Override
  public String type() {
    return "test.hasGeometricMean";
  }

  @Override
  public AggregateRule<?> create(Rule rule) {
    if (rule.columns().size() != 1 || !(rule.params().get("min") instanceof Number)
        || !(rule.params().get("max") instanceof Number)) {
      throw new InvalidInputException("test.hasGeometricMean needs one column and numbers min and max, got "
          + rule.columns() + " " + rule.params());
    }
    String column = rule.columns().get(0);
    double min = ((Number) rule.params().get("min")).doubleValue();
    double max = ((Number) rule.params().get("max")).doubleValue();
    return new AggregateRule<double[]>() {
      // state: {sum of logs, positive values, values that are not positive}
      @Override
      public double[] newState() {
        return new double[3];
      }

      @Override
      public void update(double[] s, RowView row) {
        if (!row.isNull(column)) {
          add(s, row.getDouble(column));
        }
      }

      @Override
      public void updateRows(double[] s, Table table, int from, int to) {
        Column c = table.column(column);
        for (int r = from; r < to; r++) {
          if (!c.isNull(r)) {
            add(s, c.getDouble(r));
          }
        }
      }

      private void add(double[] s, double v) {
        if (v > 0) {
          s[0] += Math.log(v);
          s[1]++;
        } else {
          s[2]++;
        }
      }

      @Override
      public double[] merge(double[] left, double[] right) {
        for (int i = 0; i < 3; i++) {
          left[i] += right[i];
        }
        return left;
      }

      @Override
      public AggregateOutcome finish(double[] s) {
        long n = (long) (s[1] + s[2]);
        if (n == 0) {
          return AggregateOutcome.noData("no non-null values in '" + column + "'");
        }
        if (s[2] > 0) {
          return AggregateOutcome.judged(false, Double.NaN, n, "geometric mean is undefined: " + (long) s[2]
              + " values are not positive");
        }
        return AggregateOutcome.metric("geometric mean", Math.exp(s[0] / s[1]), min, max, n);
      }
    };
  }
}
