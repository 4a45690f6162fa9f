package dev.mlops.validation.model;

import dev.mlops.core.InvalidInputException;
import dev.mlops.validation.Column;
import dev.mlops.validation.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Evaluates a model on a {@link Table} overall and on slices of its rows: one slice per value of a column
 * ({@link Builder#by(String...)} with one column) or per combination of values of several columns (with
 * several), as TensorFlow Model Analysis's slicing specs. A slice with fewer rows than
 * {@link Builder#minSliceSize(int)} is reported as too small, without metrics, because metrics of a
 * handful of rows mislead. A metric undefined on a slice (ROC AUC of a slice with one class) is NaN with a
 * note saying why.
 *
 * <pre>{@code
 * SliceReport report = SlicedEvaluation.builder(table, Predictions.binary("male", "score"))
 *     .metrics(Metric.ROC_AUC, Metric.ACCURACY)
 *     .by("species").by("island")
 *     .minSliceSize(10)
 *     .build()
 *     .evaluate();
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe; the table is read, never changed.
 */
public final class SlicedEvaluation {
  private final Table table;
  private final Predictions predictions;
  private final List<Metric> metrics;
  private final List<List<String>> slicings;
  private final int minSliceSize;

  private SlicedEvaluation(Builder b) {
    this.table = b.table;
    this.predictions = b.predictions;
    this.metrics = List.copyOf(b.metrics);
    this.slicings = List.copyOf(b.slicings);
    this.minSliceSize = b.minSliceSize;
  }

  /**
   * Starts a sliced evaluation.
   *
   * @param table the rows
   * @param predictions which columns hold labels and predictions
   * @return a builder
   */
  public static Builder builder(Table table, Predictions predictions) {
    return new Builder(Objects.requireNonNull(table, "table"), Objects.requireNonNull(predictions, "predictions"));
  }

  /**
   * Computes the report.
   *
   * @return the metrics overall and per slice
   * @throws InvalidInputException if a column is missing or malformed
   */
  public SliceReport evaluate() {
    int[] all = new int[table.rowCount()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    SliceResult overall = measure(List.of(), List.of(), all);
    List<SliceResult> out = new ArrayList<>();
    for (List<String> columns : slicings) {
      for (Map.Entry<List<String>, int[]> slice : groups(table, columns).entrySet()) {
        out.add(measure(columns, slice.getKey(), slice.getValue()));
      }
    }
    return new SliceReport(overall, out, minSliceSize);
  }

  /**
   * Splits rows by the values of some columns, ordered by those values.
   *
   * @param table the table
   * @param columns the columns
   * @return values to row indices
   */
  static Map<List<String>, int[]> groups(Table table, List<String> columns) {
    List<Column> cs = new ArrayList<>();
    for (String c : columns) {
      cs.add(Predictions.column(table, c));
    }
    Map<List<String>, List<Integer>> rows = new TreeMap<>((a, b) -> {
      for (int i = 0; i < a.size(); i++) {
        int c = a.get(i).compareTo(b.get(i));
        if (c != 0) {
          return c;
        }
      }
      return 0;
    });
    for (int r = 0; r < table.rowCount(); r++) {
      List<String> key = new ArrayList<>(cs.size());
      for (Column c : cs) {
        String v = c.isNull(r) ? null : c.format(r);
        key.add(v == null ? "null" : v);
      }
      rows.computeIfAbsent(List.copyOf(key), k -> new ArrayList<>()).add(r);
    }
    Map<List<String>, int[]> out = new LinkedHashMap<>();
    rows.forEach((k, v) -> out.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
    return out;
  }

  private SliceResult measure(List<String> columns, List<String> values, int[] rows) {
    if (rows.length < minSliceSize) {
      return new SliceResult(columns, values, rows.length, true, Map.of(), List.of());
    }
    Map<String, Double> m = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    Evaluation e = predictions.evaluate(table, rows);
    for (Metric metric : metrics) {
      try {
        m.put(metric.name(), metric.of(e));
      } catch (InvalidInputException undefined) {
        m.put(metric.name(), Double.NaN);
        notes.add(metric.name() + ": " + undefined.getMessage());
      }
    }
    return new SliceResult(columns, values, rows.length, false, m, notes);
  }

  /** Builds a {@link SlicedEvaluation}; not thread-safe. */
  public static final class Builder {
    private final Table table;
    private final Predictions predictions;
    private final List<Metric> metrics = new ArrayList<>();
    private final List<List<String>> slicings = new ArrayList<>();
    private int minSliceSize = 1;

    private Builder(Table table, Predictions predictions) {
      this.table = table;
      this.predictions = predictions;
    }

    /**
     * Adds metrics to compute.
     *
     * @param metrics the metrics
     * @return this builder
     */
    public Builder metrics(Metric... metrics) {
      for (Metric m : metrics) {
        this.metrics.add(Objects.requireNonNull(m, "metric"));
      }
      return this;
    }

    /**
     * Adds a slicing: one slice per value (or combination of values) of these columns.
     *
     * @param columns one or more column names
     * @return this builder
     * @throws InvalidInputException if no column is named or the table lacks one
     */
    public Builder by(String... columns) {
      if (columns.length == 0) {
        throw new InvalidInputException("a slicing needs at least one column");
      }
      for (String c : columns) {
        Predictions.column(table, c);
      }
      slicings.add(List.of(columns));
      return this;
    }

    /**
     * Sets the smallest slice that gets metrics.
     *
     * @param rows at least 1
     * @return this builder
     * @throws InvalidInputException if below 1
     */
    public Builder minSliceSize(int rows) {
      if (rows < 1) {
        throw new InvalidInputException("minSliceSize is " + rows + "; it must be at least 1");
      }
      this.minSliceSize = rows;
      return this;
    }

    /**
     * @return the evaluation
     * @throws InvalidInputException if no metric was added
     */
    public SlicedEvaluation build() {
      if (metrics.isEmpty()) {
        throw new InvalidInputException("a sliced evaluation needs at least one metric");
      }
      return new SlicedEvaluation(this);
    }
  }
}
