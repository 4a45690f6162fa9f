package dev.mlops.validation;

/**
 * A rule of a suite that row-level validation did not apply, and why: an aggregate (a mean, a quantile, a row
 * count...) has no meaning for one row; a key rule cannot be judged on one record or over a stream of chunks; a
 * rule whose columns are missing cannot apply at all. Such rules are judged by {@link ValidationSuite#run(Table)}.
 *
 * @param check the name of the check holding the rule
 * @param rule the rule's description, as in {@link RuleResult#rule()}
 * @param reason why it was not applied row by row
 */
public record SkippedRule(String check, String rule, String reason) {}
