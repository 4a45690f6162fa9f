package dev.mlops.core;

/**
 * Thrown when stored data fails an integrity check: a blob whose bytes do not hash to its digest, a
 * record or series frame whose checksum does not match, a document whose recomputed identity differs.
 *
 * <p>The library throws this instead of returning bytes it knows to be wrong.
 */
public class CorruptedDataException extends MlopsException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong and where
   */
  public CorruptedDataException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong and where
   * @param cause the underlying failure
   */
  public CorruptedDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
