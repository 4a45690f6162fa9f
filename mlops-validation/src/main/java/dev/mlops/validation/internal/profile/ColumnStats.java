package dev.mlops.validation.internal.profile;

import dev.mlops.validation.Column;
import dev.mlops.validation.ColumnType;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The mergeable profile state of one column: counts, the sketches ({@link ColumnSketches}: HyperLogLog of all
 * values, KLL of numeric values), moments (Welford/Chan), min/max, string lengths, and exact value counts while there are at most
 * {@value #TOP_CAP} distinct values (beyond that the counts are dropped on every side of a merge, so the outcome
 * does not depend on the split). Not thread-safe.
 */
public final class ColumnStats {
  /** Distinct values kept with exact counts. */
  public static final int TOP_CAP = 1000;

  public final String name;
  public final ColumnType type;
  public long count;
  public long nulls;
  public long nans;
  public long empties;
  public long n;
  public double mean;
  public double m2;
  public double min = Double.POSITIVE_INFINITY;
  public double max = Double.NEGATIVE_INFINITY;
  public long minLength = Long.MAX_VALUE;
  public long maxLength = Long.MIN_VALUE;
  public final ColumnSketches sketches;
  public @Nullable Map<String, Long> values = new HashMap<>();

  /**
   * Creates an empty state.
   *
   * @param name the column name
   * @param type the column type
   */
  public ColumnStats(String name, ColumnType type) {
    this(name, type, new ColumnSketches());
  }

  /**
   * Creates a state around sketches read back from profile JSON; the caller fills the counters.
   *
   * @param name the column name
   * @param type the column type
   * @param sketches the sketches
   */
  public ColumnStats(String name, ColumnType type, ColumnSketches sketches) {
    this.name = name;
    this.type = type;
    this.sketches = sketches;
  }

  /**
   * Folds rows {@code [from, to)} of a column.
   *
   * @param c the column
   * @param from first row
   * @param to end row
   */
  public void add(Column c, int from, int to) {
    for (int r = from; r < to; r++) {
      count++;
      if (c.isNull(r)) {
        nulls++;
        continue;
      }
      String text;
      switch (type) {
        case STRING: {
          String s = c.getString(r);
          text = s;
          sketches.addDistinct(s);
          if (s.isEmpty()) {
            empties++;
          }
          int len = s.codePointCount(0, s.length());
          minLength = Math.min(minLength, len);
          maxLength = Math.max(maxLength, len);
          break;
        }
        case BOOLEAN:
          text = Boolean.toString(c.getBoolean(r));
          sketches.addDistinct(c.getBoolean(r) ? 1L : 0L);
          break;
        case DOUBLE: {
          double d = c.getDouble(r);
          text = Double.toString(d);
          sketches.addDistinct(Double.doubleToLongBits(d == 0.0 ? 0.0 : d));
          if (Double.isNaN(d)) {
            nans++;
          } else {
            addNumber(d);
          }
          break;
        }
        default: {
          long v = c.getLong(r);
          sketches.addDistinct(v);
          text = c.format(r);
          addNumber(v);
        }
      }
      Map<String, Long> vs = values;
      if (vs != null) {
        vs.merge(text, 1L, Long::sum);
        if (vs.size() > TOP_CAP) {
          values = null;
        }
      }
    }
  }

  private void addNumber(double v) {
    n++;
    double d = v - mean;
    mean += d / n;
    m2 += d * (v - mean);
    min = Math.min(min, v);
    max = Math.max(max, v);
    sketches.addNumber(v);
  }

  /**
   * Folds another state of the same column in.
   *
   * @param o the other state
   */
  public void merge(ColumnStats o) {
    count += o.count;
    nulls += o.nulls;
    nans += o.nans;
    empties += o.empties;
    if (o.n > 0) {
      if (n == 0) {
        mean = o.mean;
        m2 = o.m2;
      } else {
        long total = n + o.n;
        double delta = o.mean - mean;
        mean += delta * o.n / total;
        m2 += o.m2 + delta * delta * ((double) n * o.n / total);
      }
      n += o.n;
    }
    min = Math.min(min, o.min);
    max = Math.max(max, o.max);
    minLength = Math.min(minLength, o.minLength);
    maxLength = Math.max(maxLength, o.maxLength);
    sketches.merge(o.sketches);
    if (values == null || o.values == null) {
      values = null;
    } else {
      o.values.forEach((k, v) -> values.merge(k, v, Long::sum));
      if (values.size() > TOP_CAP) {
        values = null;
      }
    }
  }
}
