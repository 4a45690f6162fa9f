package dev.mlops.tracking.internal.query;

/**
 * One order-by key: a field and a direction. Nulls sort last in both directions.
 *
 * @param field the field
 * @param ascending true for ASC
 */
public record SortKey(Field field, boolean ascending) {}
