package dev.mlops.validation;

import java.util.List;

/**
 * A row that broke at least one row-level rule, with every rule it broke.
 *
 * @param row the row index in the table (or the running row number across chunks)
 * @param violations the rules broken, in suite order; never empty
 */
public record RowViolation(long row, List<Violation> violations) {
  /**
   * Creates the value, copying the list.
   *
   * @param row the row index
   * @param violations the violations
   */
  public RowViolation {
    violations = List.copyOf(violations);
  }
}
