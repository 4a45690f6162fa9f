package dev.mlops.validation.drift;

import dev.mlops.core.InvalidInputException;
import dev.mlops.validation.Column;
import dev.mlops.validation.internal.drift.ColumnValues;
import org.jspecify.annotations.Nullable;

/**
 * How binnings are fitted on a reference: quantile bins for numbers, most frequent categories for text.
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
   * Fits a binning for a column, or returns {@code null} for a column drift does not compare.
   *
   * @param column the reference column
   * @return the binning, or {@code null} for {@code DATE} and {@code TIMESTAMP} columns
   */
  @Nullable Binning fit(Column column) {
    return switch (ColumnValues.kindOf(column)) {
      case NUMERIC -> Binning.fitQuantiles(
          ColumnValues.numbers(column), maxBins);
      case CATEGORICAL -> Binning.fitCategories(
          ColumnValues.categories(column), maxCategories);
      case SKIPPED -> null;
    };
  }
}
