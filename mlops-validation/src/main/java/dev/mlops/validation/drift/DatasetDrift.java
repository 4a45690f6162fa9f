package dev.mlops.validation.drift;

import dev.mlops.validation.internal.drift.DriftResultJson;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The drift verdict for a dataset: one {@link ColumnDrift} per compared column, the multiple-testing
 * correction applied across them, and the share of drifted columns.
 *
 * <p>Immutable and thread-safe.
 *
 * @param columns the compared columns, in reference order
 * @param skipped columns not compared, with the reason (absent, type changed, too few values)
 * @param correction the multiple-testing correction applied to the columns' p-values
 * @param alpha the significance level
 * @param driftedShare drifted columns divided by compared columns (0 when none was compared)
 * @param shareThreshold the share at or above which the dataset counts as drifted
 * @param datasetDrifted whether {@code driftedShare >= shareThreshold} (and some column was compared)
 */
public record DatasetDrift(
    List<ColumnDrift> columns,
    Map<String, String> skipped,
    MultipleTesting correction,
    double alpha,
    double driftedShare,
    double shareThreshold,
    boolean datasetDrifted) {

  /**
   * Copies the collections.
   *
   * @param columns the compared columns, in reference order
   * @param skipped columns not compared, with the reason (absent, type changed, too few values)
   * @param correction the multiple-testing correction applied to the columns' p-values
   * @param alpha the significance level
   * @param driftedShare drifted columns divided by compared columns (0 when none was compared)
   * @param shareThreshold the share at or above which the dataset counts as drifted
   * @param datasetDrifted whether {@code driftedShare >= shareThreshold} (and some column was compared)
   */
  public DatasetDrift {
    columns = List.copyOf(columns);
    skipped = Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
  }

  /**
   * Returns the columns that drifted.
   *
   * @return the drifted columns, in reference order
   */
  public List<ColumnDrift> driftedColumns() {
    return columns.stream().filter(ColumnDrift::drifted).toList();
  }

  /**
   * Serializes the result to JSON (non-finite numbers as the strings {@code "NaN"}, {@code "Infinity"}).
   *
   * @return the JSON text
   */
  public String toJson() {
    return DriftResultJson.write(this);
  }
}
