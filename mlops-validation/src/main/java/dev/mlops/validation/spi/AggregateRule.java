package dev.mlops.validation.spi;

import dev.mlops.validation.RowView;
import dev.mlops.validation.Table;
import dev.mlops.validation.internal.engine.TableCursor;

/**
 * A custom table-level (aggregate) rule with a mergeable state, made by an {@link AggregateRuleProvider}. The
 * one-pass engine runs it like the built-in aggregates: each worker thread creates a state with
 * {@link #newState()}, folds its blocks of rows into it, and the workers' (and chunks') states are combined with
 * {@link #merge}; {@link #finish} judges the merged state. The result must not depend on how rows were split:
 * {@code merge} must be associative and agree with updating one state over all rows.
 *
 * <p>The engine applies the rule's {@code where} filter (only accepted rows reach the rule) and its severity.
 * {@code mostly} applies when {@link #countsRows()} is true and {@link #finish} reports unexpected rows with
 * {@link AggregateOutcome#rows}; otherwise a rule with {@code mostly} below 1 is refused when the suite is built,
 * as for built-in aggregates. Nulls reach the rule unfiltered; the rule's null options are on its {@code Rule}.
 * Row-level validation does not apply aggregate rules (it lists them as table-level).
 *
 * <p>An exception thrown by the rule makes only that rule FAILED, with the exception in its message. A state is
 * confined to one thread at a time; the rule object itself must be thread-safe (immutable, typically).
 *
 * @param <S> the mutable state
 */
public interface AggregateRule<S> {
  /**
   * Creates an empty state.
   *
   * @return a new state
   */
  S newState();

  /**
   * Folds one row into a state.
   *
   * @param state the state
   * @param row the row, a cursor valid only during the call
   */
  void update(S state, RowView row);

  /**
   * Folds rows {@code [from, to)} of a table into a state; every row in the range is accepted by the rule's
   * {@code where} filter. The default calls {@link #update(Object, RowView)} for each row; override it to read
   * columns as primitive arrays ({@link Table#column(String)}) for speed.
   *
   * @param state the state
   * @param table the table or chunk
   * @param from the first row
   * @param to the end row, exclusive
   */
  default void updateRows(S state, Table table, int from, int to) {
    TableCursor cursor = new TableCursor(table);
    for (int r = from; r < to; r++) {
      cursor.row = r;
      update(state, cursor);
    }
  }

  /**
   * Combines two states (of other rows, possibly of other threads that have finished with them).
   *
   * @param left a state
   * @param right another state, not used afterwards
   * @return the combined state (it may be {@code left}, updated)
   */
  S merge(S left, S right);

  /**
   * Judges a state.
   *
   * @param state the merged state of every row
   * @return the outcome
   */
  AggregateOutcome finish(S state);

  /**
   * Tells whether {@link #finish} reports unexpected rows ({@link AggregateOutcome#rows}), so that the rule's
   * {@code mostly} applies to the passing fraction.
   *
   * @return {@code false} by default: the rule judges one metric and refuses {@code mostly}
   */
  default boolean countsRows() {
    return false;
  }
}
