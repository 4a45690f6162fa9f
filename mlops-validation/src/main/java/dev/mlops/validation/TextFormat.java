package dev.mlops.validation;

/** A format that the strings of a column must parse as, for {@link Check#isParseableAs(String, TextFormat)}. */
public enum TextFormat {
  /** An optionally signed decimal integer that fits 64 bits. */
  INTEGER,
  /** A decimal number ({@code 1}, {@code -2.5}, {@code 1e3}, {@code NaN}, {@code Infinity}). */
  DECIMAL,
  /** {@code true} or {@code false}, case-insensitive. */
  BOOLEAN,
  /** An ISO-8601 calendar date {@code yyyy-MM-dd} that exists. */
  DATE,
  /** Any JSON value. */
  JSON
}
