package dev.mlops.validation.internal.table;

import dev.mlops.core.InvalidInputException;

/**
 * Malformed CSV found at a line counted from the start of a block; a reader that knows where the block starts
 * rethrows it with the file's line through {@link #atLineOffset(long)}.
 */
final class CsvLineError extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final long line;
  private final String detail;

  /**
   * Creates the error.
   *
   * @param source the file name
   * @param line the line, counted from the block's first line
   * @param detail what is wrong, the text after {@code "line N"}
   */
  CsvLineError(String source, long line, String detail) {
    super(source + ": line " + line + detail);
    this.source = source;
    this.line = line;
    this.detail = detail;
  }

  /** Returns the same error at a line moved by {@code offset} (the block's first line minus one). */
  InvalidInputException atLineOffset(long offset) {
    return new InvalidInputException(source + ": line " + (line + offset) + detail, this);
  }
}
