package dev.mlops.validation;

/**
 * Receives every row that broke a row-level or key rule, in row order, with no cap on how many (for a key rule, every
 * copy of a duplicated key). Called from the thread that runs {@link ValidationSuite#validateRows(Table, RowSink)};
 * the returned {@link RowLevelReport} lists the table-level rules that no row can break.
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
