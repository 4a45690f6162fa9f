package dev.mlops.validation;

/** How {@link Check#hasColumnSet(java.util.List, ColumnSetMode)} compares the table's columns to a list. */
public enum ColumnSetMode {
  /** Exactly these columns, in this order. */
  ORDERED,
  /** Exactly these columns, in any order. */
  STRICT,
  /** At least these columns; others are allowed. */
  EXTRA_ALLOWED
}
