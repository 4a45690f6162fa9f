package dev.mlops.validation;

import dev.mlops.validation.internal.profile.ColumnStats;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The profile of one column: counts of rows, nulls, NaN and empty strings; an approximate distinct count
 * (HyperLogLog, lgK 12); min, max, mean and standard deviation of numeric (and, for min/max, date) values; KLL
 * quantiles and a histogram; string lengths; and exact value counts while the column has at most 1,000 distinct
 * values. Immutable and thread-safe.
 */
public final class ColumnProfile {
  private final ColumnStats stats;

  ColumnProfile(ColumnStats stats) {
    this.stats = stats;
  }

  ColumnStats stats() {
    return stats;
  }

  /**
   * Returns the column name.
   *
   * @return the name
   */
  public String name() {
    return stats.name;
  }

  /**
   * Returns the column type.
   *
   * @return the type
   */
  public ColumnType type() {
    return stats.type;
  }

  /**
   * Returns the number of rows.
   *
   * @return the row count
   */
  public long count() {
    return stats.count;
  }

  /**
   * Returns the number of null rows.
   *
   * @return the null count
   */
  public long nullCount() {
    return stats.nulls;
  }

  /**
   * Returns the number of NaN values (DOUBLE columns).
   *
   * @return the NaN count
   */
  public long nanCount() {
    return stats.nans;
  }

  /**
   * Returns the number of empty strings (STRING columns).
   *
   * @return the count
   */
  public long emptyCount() {
    return stats.empties;
  }

  /**
   * Returns the fraction of non-null rows, or NaN for zero rows.
   *
   * @return the completeness
   */
  public double completeness() {
    return stats.count == 0 ? Double.NaN : (double) (stats.count - stats.nulls) / stats.count;
  }

  /**
   * Returns the approximate number of distinct non-null values (HyperLogLog estimate).
   *
   * @return the estimate
   */
  public double approxDistinct() {
    return stats.sketches.approxDistinct();
  }

  /**
   * Returns the minimum numeric value (NaN excluded); dates as epoch day, timestamps as epoch micros.
   *
   * @return the minimum, or {@code null} without numeric values
   */
  public @Nullable Double min() {
    return stats.n == 0 ? null : stats.min;
  }

  /**
   * Returns the maximum numeric value (NaN excluded).
   *
   * @return the maximum, or {@code null}
   */
  public @Nullable Double max() {
    return stats.n == 0 ? null : stats.max;
  }

  /**
   * Returns the minimum as text: ISO-8601 for dates and timestamps.
   *
   * @return the text, or {@code null}
   */
  public @Nullable String minText() {
    return stats.n == 0 ? null : text(stats.min);
  }

  /**
   * Returns the maximum as text: ISO-8601 for dates and timestamps.
   *
   * @return the text, or {@code null}
   */
  public @Nullable String maxText() {
    return stats.n == 0 ? null : text(stats.max);
  }

  private String text(double v) {
    switch (stats.type) {
      case DATE:
        return LocalDate.ofEpochDay((long) v).toString();
      case TIMESTAMP:
        long micros = (long) v;
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000)
            .toString();
      case LONG:
        return Long.toString((long) v);
      default:
        return Double.toString(v);
    }
  }

  /**
   * Returns the mean of numeric values (LONG and DOUBLE columns; NaN excluded).
   *
   * @return the mean, or {@code null}
   */
  public @Nullable Double mean() {
    return stats.n == 0 || !stats.type.isNumeric() ? null : stats.mean;
  }

  /**
   * Returns the population standard deviation of numeric values.
   *
   * @return the standard deviation, or {@code null}
   */
  public @Nullable Double stdDev() {
    return stats.n == 0 || !stats.type.isNumeric() ? null : Math.sqrt(Math.max(0, stats.m2) / stats.n);
  }

  /**
   * Returns an approximate quantile of numeric values (KLL, normalized rank error about 1.3%).
   *
   * @param q the quantile in {@code [0, 1]}
   * @return the value, or {@code null} without numeric values
   */
  public @Nullable Double quantile(double q) {
    return stats.sketches.quantile(q);
  }

  /**
   * Returns the shortest string length in code points.
   *
   * @return the length, or {@code null} for non-string or all-null columns
   */
  public @Nullable Long minLength() {
    return stats.minLength == Long.MAX_VALUE ? null : stats.minLength;
  }

  /**
   * Returns the longest string length in code points.
   *
   * @return the length, or {@code null}
   */
  public @Nullable Long maxLength() {
    return stats.maxLength == Long.MIN_VALUE ? null : stats.maxLength;
  }

  /**
   * Tells whether exact value counts are known (at most 1,000 distinct values).
   *
   * @return {@code true} if they are
   */
  public boolean hasExactValueCounts() {
    return stats.values != null;
  }

  /**
   * Returns the exact number of distinct non-null values when known.
   *
   * @return the count, or {@code null} beyond 1,000 distinct values
   */
  public @Nullable Long exactDistinct() {
    return stats.values == null ? null : (long) stats.values.size();
  }

  /**
   * Returns the most frequent values with exact counts (ties by value), when known.
   *
   * @param k how many
   * @return up to {@code k} values, or an empty list when exact counts are not known
   */
  public List<ValueCount> topValues(int k) {
    if (stats.values == null) {
      return List.of();
    }
    List<Map.Entry<String, Long>> entries = new ArrayList<>(stats.values.entrySet());
    entries.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
        .thenComparing(Map.Entry.comparingByKey()));
    List<ValueCount> out = new ArrayList<>();
    for (int i = 0; i < Math.min(k, entries.size()); i++) {
      out.add(new ValueCount(entries.get(i).getKey(), entries.get(i).getValue()));
    }
    return out;
  }

  /**
   * Returns an approximate equal-width histogram of numeric values between min and max.
   *
   * @param bins the number of bins, at least 1
   * @return the bins, empty without numeric values
   */
  public List<HistogramBin> histogram(int bins) {
    if (stats.sketches.noNumbers() || bins < 1) {
      return List.of();
    }
    double lo = stats.min;
    double hi = stats.max;
    if (lo == hi) {
      return List.of(new HistogramBin(lo, hi, stats.n));
    }
    double[] splits = new double[bins - 1];
    for (int i = 0; i < splits.length; i++) {
      splits[i] = lo + (hi - lo) * (i + 1) / bins;
    }
    double[] cdf = splits.length == 0 ? new double[] {1.0}
        : stats.sketches.cdf(splits);
    List<HistogramBin> out = new ArrayList<>();
    double prev = 0;
    for (int i = 0; i < bins; i++) {
      double c = i < splits.length ? cdf[i] : 1.0;
      double from = i == 0 ? lo : splits[i - 1];
      double to = i < splits.length ? splits[i] : hi;
      out.add(new HistogramBin(from, to, Math.round((c - prev) * stats.n)));
      prev = c;
    }
    return out;
  }

  @Override
  public String toString() {
    return "ColumnProfile[" + name() + ": " + type() + ", " + count() + " rows, " + nullCount() + " nulls, ~"
        + Math.round(approxDistinct()) + " distinct]";
  }
}
