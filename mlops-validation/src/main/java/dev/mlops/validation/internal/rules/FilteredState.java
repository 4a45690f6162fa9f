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
      where = f == null ? null : RowPredicate.bind(f, table);
      bound = table;
      bind(table);
    }
    RowPredicate w = where;
    if (w == null) {
      fold(from, to);
    } else {
      for (int r = from; r < to; r++) {
        if (w.test(r)) {
          fold(r, r + 1);
        }
      }
    }
  }

  /** Resolves columns of a new table. */
  abstract void bind(Table table);

  /** Folds rows {@code [from, to)}, all accepted by the filter. */
  abstract void fold(int from, int to);
}
