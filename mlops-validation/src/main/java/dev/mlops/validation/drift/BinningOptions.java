package dev.mlops.validation.drift;

import dev.mlops.core.InvalidInputException;
import dev.mlops.validation.Column;
import dev.mlops.validation.internal.drift.ColumnValues;

/**
 * How binnings are fitted on a reference: quantile bins for numbers, dates and timestamps, most frequent
 * categories for text and booleans.
 *
 * <p>Immutable and thread-safe.
 *
 * @param maxBins the largest number of equal-frequency value bins of a numeric column (default 10)
 * @param maxCategories the largest number of category bins before the rest fold into {@code <other>}
 *     (default 100)
 */
public record BinningOptions(int maxBins, int maxCategories) {
  /**
   * Checks the bounds.
   *
   * @throws InvalidInputException if a bound is below 1
   * @param maxBins the largest number of equal-frequency value bins of a numeric column (default 10)
   * @param maxCategories the largest number of category bins before the rest fold into {@code <other>}
   *     (default 100)
   */
  public BinningOptions {
    if (maxBins < 1 || maxCategories < 1) {
      throw new InvalidInputException("maxBins and maxCategories must be at least 1, got " + maxBins
          + " and " + maxCategories);
    }
  }

  /**
   * Returns the defaults: 10 bins, 100 categories.
   *
   * @return the default options
   */
  public static BinningOptions defaults() {
    return new BinningOptions(10, 100);
  }

  /**
   * Fits a binning for a column: quantile bins on the column's scale for numbers, dates and timestamps,
   * the most frequent categories for text and booleans.
   *
   * @param column the reference column
   * @return the binning
   */
  Binning fit(Column column) {
    NumericScale scale = ColumnValues.scaleOf(column);
    return scale != null
        ? Binning.fitQuantiles(ColumnValues.numbers(column), maxBins, scale)
        : Binning.fitCategories(ColumnValues.categories(column), maxCategories);
  }
}
