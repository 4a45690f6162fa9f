package dev.mlops.validation;

/**
 * One rule broken by one row.
 *
 * @param rule the rule's description, as in {@link RuleResult#rule()}
 * @param severity the rule's severity
 * @param reason why the row broke it, naming the offending value
 */
public record Violation(String rule, Severity severity, String reason) {}
