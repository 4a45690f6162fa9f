package dev.mlops.core;

/**
 * Thrown when a named thing (a record, a blob, an artifact version, a run) does not exist.
 *
 * <p>The message names what was looked up and where.
 */
public class NotFoundException extends MlopsException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong and where
   */
  public NotFoundException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong and where
   * @param cause the underlying failure
   */
  public NotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}
