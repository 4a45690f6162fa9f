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
   * Judges rows {@code [from, to)} in one call (so a tester can loop over its column without a call per row): writes
   * the indexes of failing rows to {@code failed} and returns how many rows were judged and how many failed, packed
   * as {@code judged << 32 | failures}. The default calls {@link #test(int)} for each row.
   *
   * @param from the first row
   * @param to the end row, exclusive; at most {@code failed.length} rows
   * @param failed receives the failing rows, in order
   * @return {@code judged << 32 | failures}
   */
  default long judge(int from, int to, int[] failed) {
    int judged = 0;
    int failures = 0;
    for (int r = from; r < to; r++) {
      int v = test(r);
      if (v != SKIP) {
        judged++;
        if (v == FAIL) {
          failed[failures++] = r;
        }
      }
    }
    return (long) judged << 32 | failures;
  }

  /**
   * Returns the offending value of a failed row, comparable with the others of this rule for samples.
   *
   * @param row the row index
   * @return a value of a consistent comparable type, or {@code null} for a null value
   */
  @Nullable Comparable<?> offending(int row);
}
