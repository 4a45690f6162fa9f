package dev.mlops.validation.internal.rules;

import dev.mlops.validation.RowFilter;
import dev.mlops.validation.Rule;
import dev.mlops.validation.Table;
import dev.mlops.validation.internal.engine.RowPredicate;
import dev.mlops.validation.internal.engine.RuleState;
import org.jspecify.annotations.Nullable;

/**
 * Base of aggregate states: binds the rule's {@code where} filter once per table and hands subclasses the rows
 * it accepts. Thread-confined.
 */
abstract class FilteredState implements RuleState {
  final Rule rule;
  private @Nullable Table bound;
  private @Nullable RowPredicate where;

  FilteredState(Rule rule) {
    this.rule = rule;
  }

  @Override
  public final void update(Table table, int from, int to) {
    if (table != bound) {
      RowFilter f = rule.where();
      where = f == null ? null : RowPredicate.bind(f, table::column);
      bound = table;
      bind(table);
    }
    RowPredicate w = where;
    if (w == null) {
      fold(from, to);
      return;
    }
    // fold maximal runs of accepted rows, so a state sees ranges rather than single rows
    int r = from;
    while (r < to) {
      while (r < to && !w.test(r)) {
        r++;
      }
      int start = r;
      while (r < to && w.test(r)) {
        r++;
      }
      if (start < r) {
        fold(start, r);
      }
    }
  }

  /** Resolves columns of a new table. */
  abstract void bind(Table table);

  /** Folds rows {@code [from, to)}, all accepted by the filter (a whole block, or a run of accepted rows). */
  abstract void fold(int from, int to);
}
