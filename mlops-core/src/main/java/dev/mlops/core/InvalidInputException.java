package dev.mlops.core;

/**
 * Thrown when an argument is malformed: a hostile key, a name that breaks the naming rules,
 * a path that escapes its root, a NaN where a number is required.
 *
 * <p>The message names the offending value (shortened when it is long) and the rule it broke. Invalid
 * input never changes stored data.
 */
public class InvalidInputException extends MlopsException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong and where
   */
  public InvalidInputException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong and where
   * @param cause the underlying failure
   */
  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
