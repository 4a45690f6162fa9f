package dev.mlops.validation.internal.engine;

import org.jspecify.annotations.Nullable;

/** A row-level rule bound to one table: judges rows by index. Confined to one thread. */
public interface RowTester {
  /** The row passed. */
  int PASS = 0;
  /** The row failed. */
  int FAIL = 1;
  /** The row is not judged (a null under the default null policy). */
  int SKIP = 2;

  /**
   * Judges a row.
   *
   * @param row the row index
   * @return {@link #PASS}, {@link #FAIL} or {@link #SKIP}
   */
  int test(int row);

  /**
   * Returns the offending value of a failed row, comparable with the others of this rule for samples.
   *
   * @param row the row index
   * @return a value of a consistent comparable type, or {@code null} for a null value
   */
  @Nullable Comparable<?> offending(int row);
}
