package dev.mlops.validation;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one rule.
 *
 * @param check the name of the check holding the rule
 * @param rule a readable description of the rule, e.g. {@code isBetween(amount, 0.0, 100.0) mostly 0.95}
 * @param severity the rule's severity
 * @param status the rule's status
 * @param observedValue the metric the rule judged (a row count, a passing fraction, a mean...); {@code null} when
 *     there is none (no data, a missing column, a schema rule)
 * @param elementCount the rows the rule judged (after the {@code where} filter and the null policy)
 * @param unexpectedCount the rows that broke the rule (for duplicate rules: every copy of a duplicated value)
 * @param errorBound for approximate metrics, the half-width of the interval the true value lies in (as a rank
 *     for quantiles, as a count for distinct counts); {@code null} for exact metrics
 * @param samples offending values or duplicate groups with their row counts (at most 20, the smallest values
 *     in natural order, so the sample never depends on how the table was split)
 * @param message a sentence saying what was observed, naming offending values with counts
 */
public record RuleResult(String check, String rule, Severity severity, RuleStatus status,
    @Nullable Double observedValue, long elementCount, long unexpectedCount, @Nullable Double errorBound,
    List<ValueCount> samples, String message) {
  /**
   * Creates the value, copying the sample list.
   *
   * @param check the check name
   * @param rule the rule description
   * @param severity the severity
   * @param status the status
   * @param observedValue the observed metric
   * @param elementCount the rows judged
   * @param unexpectedCount the offending rows
   * @param errorBound the error bound of an approximate metric
   * @param samples offending values with counts
   * @param message the message
   */
  public RuleResult {
    samples = List.copyOf(samples);
  }
}
