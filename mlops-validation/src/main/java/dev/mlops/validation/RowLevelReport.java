package dev.mlops.validation;

import java.util.List;

/**
 * What {@link ValidationSuite#validateRows(Table, RowSink)} did: how many rows it judged and how many broke a rule,
 * which rules it applied row by row, and which it did not, with the reason ({@link SkippedRule}), so that no rule is
 * silently left out.
 *
 * @param rows the rows judged
 * @param offendingRows the rows sent to the sink
 * @param appliedRules descriptions of the rules applied to each row (row-level rules, and key rules when the whole
 *     table was at hand), in suite order
 * @param skippedRules the rules not applied row by row, in suite order
 */
public record RowLevelReport(long rows, long offendingRows, List<String> appliedRules,
    List<SkippedRule> skippedRules) {
  /**
   * Creates the value, copying the lists.
   *
   * @param rows the rows judged
   * @param offendingRows the offending rows
   * @param appliedRules the rules applied
   * @param skippedRules the rules not applied
   */
  public RowLevelReport {
    appliedRules = List.copyOf(appliedRules);
    skippedRules = List.copyOf(skippedRules);
  }
}
