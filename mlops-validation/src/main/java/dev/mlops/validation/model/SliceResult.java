package dev.mlops.validation.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The metrics of one slice: the rows whose slice columns hold given values.
 *
 * @param columns the slice columns, such as {@code [species]} or {@code [species, island]}
 * @param values the values of those columns that define the slice ({@code "null"} for a null)
 * @param rows the number of rows in the slice
 * @param tooSmall true if the slice has fewer rows than the minimum slice size; its metrics are then empty
 * @param metrics metric name to value, in the order asked; NaN where the metric is undefined on the slice
 * @param notes why a metric is undefined, one line each
 */
public record SliceResult(List<String> columns, List<String> values, int rows, boolean tooSmall,
    Map<String, Double> metrics, List<String> notes) {
  /**
   * Copies the components.
   *
   * @param columns the slice columns, such as {@code [species]} or {@code [species, island]}
   * @param values the values of those columns that define the slice ({@code "null"} for a null)
   * @param rows the number of rows in the slice
   * @param tooSmall true if the slice has fewer rows than the minimum slice size; its metrics are then empty
   * @param metrics metric name to value, in the order asked; NaN where the metric is undefined on the slice
   * @param notes why a metric is undefined, one line each
   */
  public SliceResult {
    columns = List.copyOf(columns);
    values = List.copyOf(values);
    metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(Objects.requireNonNull(metrics, "metrics")));
    notes = List.copyOf(notes);
  }

  /** @return a label such as {@code species=Adelie, island=Biscoe} */
  public String label() {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      s.append(i == 0 ? "" : ", ").append(columns.get(i)).append('=').append(values.get(i));
    }
    return s.toString();
  }

  /**
   * One metric's value.
   *
   * @param metric the metric
   * @return its value, NaN if undefined or not computed (a slice too small)
   */
  public double metric(Metric metric) {
    Double v = metrics.get(metric.name());
    return v == null ? Double.NaN : v;
  }
}
