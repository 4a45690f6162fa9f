package dev.mlops.tracking.internal.query;

import dev.mlops.core.InvalidInputException;

/**
 * Builds the errors of malformed queries: what is wrong, the 1-based column, the input and a caret under
 * the offending position. Stateless.
 */
final class QueryErrors {
  private QueryErrors() {}

  static InvalidInputException at(String what, String input, int position, String message) {
    int column = position + 1;
    String oneLine = input.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    return new InvalidInputException("invalid " + what + " at column " + column + ": " + message + "\n  "
        + oneLine + "\n  " + " ".repeat(Math.max(0, position)) + "^");
  }
}
