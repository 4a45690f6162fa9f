package dev.mlops.validation;

import java.util.List;

/**
 * A table split by a suite's row-level and key rules.
 *
 * @param valid the rows that broke no rule, in order
 * @param invalid the rows that broke at least one rule, in order
 * @param skippedRules the suite's rules that did not take part in the split (aggregates, rules on missing
 *     columns), with the reason
 */
public record TableSplit(Table valid, Table invalid, List<SkippedRule> skippedRules) {
  /**
   * Creates the value, copying the list.
   *
   * @param valid the valid rows
   * @param invalid the invalid rows
   * @param skippedRules the rules not applied
   */
  public TableSplit {
    skippedRules = List.copyOf(skippedRules);
  }
}
