package dev.mlops.core;

/**
 * Thrown when a write lost a race or contradicts what is stored.
 *
 * <p>Examples: a compare-and-set whose expected version is stale, a create of a key that exists, a
 * write-once value logged again with a different value. Retrying after re-reading is usually right.
 */
public class ConflictException extends MlopsException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong and where
   */
  public ConflictException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong and where
   * @param cause the underlying failure
   */
  public ConflictException(String message, Throwable cause) {
    super(message, cause);
  }
}
