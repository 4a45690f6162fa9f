package dev.mlops.validation.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The result of a {@link SlicedEvaluation}: the metrics on all rows and on every slice.
 *
 * @param overall the metrics on all rows (a slice with no columns)
 * @param slices every slice of every slicing, in the order the slicings were declared and, within one, by
 *     slice values
 * @param minSliceSize slices with fewer rows are reported as too small
 */
public record SliceReport(SliceResult overall, List<SliceResult> slices, int minSliceSize) {
  /**
   * Copies the slices.
   *
   * @param overall the metrics on all rows (a slice with no columns)
   * @param slices every slice of every slicing, in the order the slicings were declared and, within one, by
   *     slice values
   * @param minSliceSize slices with fewer rows are reported as too small
   */
  public SliceReport {
    slices = List.copyOf(slices);
  }

  /**
   * Finds a slice of one column.
   *
   * @param column the column
   * @param value its value
   * @return the slice, if there are such rows
   */
  public Optional<SliceResult> slice(String column, String value) {
    return slices.stream()
        .filter(s -> s.columns().equals(List.of(column)) && s.values().equals(List.of(value)))
        .findFirst();
  }

  /**
   * The slices of one slicing.
   *
   * @param columns the slicing's columns
   * @return its slices
   */
  public List<SliceResult> slicesBy(String... columns) {
    List<String> key = List.of(columns);
    return slices.stream().filter(s -> s.columns().equals(key)).toList();
  }

  /**
   * Renders the report as a fixed-width text table.
   *
   * @return the text
   */
  public String toTable() {
    StringBuilder out = new StringBuilder();
    List<String> names = List.copyOf(overall.metrics().keySet());
    int width = "slice".length();
    for (SliceResult s : slices) {
      width = Math.max(width, s.label().length());
    }
    out.append(String.format("%-" + width + "s %7s", "slice", "rows"));
    for (String n : names) {
      out.append(String.format(" %12s", n.length() > 12 ? n.substring(0, 12) : n));
    }
    out.append('\n');
    row(out, "(all)", overall, names, width);
    for (SliceResult s : slices) {
      row(out, s.label(), s, names, width);
    }
    return out.toString();
  }

  private static void row(StringBuilder out, String label, SliceResult s, List<String> names, int width) {
    out.append(String.format("%-" + width + "s %7d", label, s.rows()));
    if (s.tooSmall()) {
      out.append("  (too small)\n");
      return;
    }
    for (String n : names) {
      Double v = s.metrics().get(n);
      out.append(String.format(java.util.Locale.ROOT, " %12.4f", v == null ? Double.NaN : v));
    }
    out.append('\n');
  }

  /** @return the metric names, as in {@link SliceResult#metrics()} */
  public List<String> metricNames() {
    return List.copyOf(overall.metrics().keySet());
  }

  /** @return the overall metrics */
  public Map<String, Double> overallMetrics() {
    return overall.metrics();
  }
}
