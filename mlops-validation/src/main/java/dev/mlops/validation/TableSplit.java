package dev.mlops.validation;

/**
 * A table split by a suite's row-level rules.
 *
 * @param valid the rows that broke no rule, in order
 * @param invalid the rows that broke at least one rule, in order
 */
public record TableSplit(Table valid, Table invalid) {}
