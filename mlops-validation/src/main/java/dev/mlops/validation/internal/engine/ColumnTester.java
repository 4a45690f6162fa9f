package dev.mlops.validation.internal.engine;

import dev.mlops.validation.Column;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.Rule;
import org.jspecify.annotations.Nullable;

/**
 * A row tester over one column that applies the rule's null policy before {@link #check(int)}: a null (or a NaN
 * with {@code nanAsNull}, or an empty string with {@code emptyAsNull}) is skipped, or fails with
 * {@code nullsFail}. Thread-confined.
 */
public abstract class ColumnTester implements RowTester {
  /** The column being judged. */
  protected final Column column;
  private final boolean nullsFail;
  private final boolean nanAsNull;
  private final boolean emptyAsNull;
  /** The answers of the block being judged. */
  private boolean[] passes = new boolean[0];

  /**
   * Creates the tester.
   *
   * @param column the column
   * @param rule the rule holding the null policy
   */
  protected ColumnTester(Column column, Rule rule) {
    this.column = column;
    this.nullsFail = rule.nullsFail();
    this.nanAsNull = rule.nanAsNull() && column.type() == ColumnType.DOUBLE;
    this.emptyAsNull = rule.emptyAsNull() && column.type() == ColumnType.STRING;
  }

  /**
   * Tells whether a row counts as null under the rule's policy.
   *
   * @param row the row
   * @return {@code true} if null
   */
  protected final boolean isNull(int row) {
    return column.isNull(row) || (nanAsNull && Double.isNaN(column.getDouble(row)))
        || (emptyAsNull && column.getString(row).isEmpty());
  }

  @Override
  public final int test(int row) {
    if (isNull(row)) {
      return nullsFail ? FAIL : SKIP;
    }
    return check(row) ? PASS : FAIL;
  }

  /**
   * Tells whether a row that is null under the rule's policy fails rather than being skipped.
   *
   * @return {@code true} with {@code nullsFail}
   */
  protected final boolean nullsFail() {
    return nullsFail;
  }

  @Override
  public long judge(int from, int to, int[] failed) {
    if (nanAsNull || emptyAsNull) {
      return RowTester.super.judge(from, to, failed);
    }
    // one loop over the values, without a call through the interface per row
    if (passes.length < to - from) {
      passes = new boolean[to - from];
    }
    boolean[] pass = passes;
    checkAll(from, to, pass);
    int failures = 0;
    if (column.nullCount() == 0) {
      for (int r = from; r < to; r++) {
        if (!pass[r - from]) {
          failed[failures++] = r;
        }
      }
      return (long) (to - from) << 32 | failures;
    }
    int judged = 0;
    for (int r = from; r < to; r++) {
      if (column.isNull(r)) {
        if (nullsFail) {
          judged++;
          failed[failures++] = r;
        }
      } else {
        judged++;
        if (!pass[r - from]) {
          failed[failures++] = r;
        }
      }
    }
    return (long) judged << 32 | failures;
  }

  /**
   * Judges the non-null values of rows {@code [from, to)} at once, for {@link #judge}: {@code pass[r - from]} tells
   * whether row {@code r} passes {@link #check(int)}. The default calls {@link #check(int)} on each non-null row; an
   * override (a matcher that walks several values side by side, say) must give the same answers, and may write
   * anything for null rows, which are ignored.
   *
   * @param from the first row
   * @param to the end row, exclusive
   * @param pass receives the answers, at least {@code to - from} long
   */
  protected void checkAll(int from, int to, boolean[] pass) {
    if (column.nullCount() == 0) {
      for (int r = from; r < to; r++) {
        pass[r - from] = check(r);
      }
      return;
    }
    for (int r = from; r < to; r++) {
      pass[r - from] = !column.isNull(r) && check(r);
    }
  }

  /**
   * Judges a non-null value.
   *
   * @param row the row
   * @return {@code true} if it passes
   */
  protected abstract boolean check(int row);

  @Override
  public @Nullable Comparable<?> offending(int row) {
    if (column.isNull(row)) {
      return null;
    }
    return (Comparable<?>) column.get(row);
  }
}
