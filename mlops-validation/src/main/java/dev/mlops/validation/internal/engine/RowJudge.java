package dev.mlops.validation.internal.engine;

import dev.mlops.validation.Table;
import org.jspecify.annotations.Nullable;

/**
 * A rule that can say, for each row of a table, whether that row breaks it: the row-level rules ({@link RowKernel})
 * and the key rules, which first scan the whole table for duplicate groups. Immutable and thread-safe.
 */
public interface RowJudge extends RuleKernel {
  /**
   * Binds the rule to a table whose schema passed {@link #schemaProblem}; a key rule scans the whole table here.
   *
   * @param table the table
   * @return a tester confined to the calling thread
   */
  RowTester bind(Table table);

  /**
   * Says what a failed row violated, naming the value.
   *
   * @param value the offending value from {@link RowTester#offending(int)}
   * @return the reason
   */
  String reason(@Nullable Comparable<?> value);
}
