package dev.mlops.validation.internal.engine;

import dev.mlops.validation.Table;

/**
 * The mergeable state of one rule over some rows. A state is confined to one thread while it is updated; merging
 * happens after the threads are joined. Merging states of any split of a table gives the same exact counts as one
 * state over the whole table.
 */
public interface RuleState {
  /**
   * Folds rows {@code [from, to)} of a table into the state.
   *
   * @param table the table (a whole table or a chunk of a file; the schema never changes between calls)
   * @param from first row
   * @param to end row, exclusive
   */
  void update(Table table, int from, int to);

  /**
   * Says that the worker thread that folded rows into this state is done with it, before states are merged: the
   * place for work that is better done on every worker in parallel than after the merge (sorting, say). The
   * default does nothing.
   */
  default void seal() {}

  /**
   * Folds another state of the same rule into this one.
   *
   * @param other a state made by the same kernel
   */
  void merge(RuleState other);

  /**
   * Judges the rule on everything folded in.
   *
   * @return the outcome
   */
  Outcome finish();
}
