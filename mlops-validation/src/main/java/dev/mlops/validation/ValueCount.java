package dev.mlops.validation;

/**
 * An offending value (or duplicate group) and how many rows hold it.
 *
 * @param value the value as text (ISO-8601 for dates and timestamps; {@code a | b} for compound keys)
 * @param count the number of rows holding it
 */
public record ValueCount(String value, long count) {}
