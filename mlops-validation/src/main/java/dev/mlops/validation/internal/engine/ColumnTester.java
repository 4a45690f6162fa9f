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
    int failures = 0;
    if (column.nullCount() == 0) {
      for (int r = from; r < to; r++) {
        if (!check(r)) {
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
        if (!check(r)) {
          failed[failures++] = r;
        }
      }
    }
    return (long) judged << 32 | failures;
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
