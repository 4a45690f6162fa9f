package dev.mlops.validation;

/**
 * Receives every row that broke a row-level rule, in row order, with no cap on how many. Called from the thread
 * that runs {@link ValidationSuite#validateRows(Table, RowSink)}.
 */
@FunctionalInterface
public interface RowSink {
  /**
   * Receives one offending row.
   *
   * @param violation the row and the rules it broke
   */
  void accept(RowViolation violation);
}
