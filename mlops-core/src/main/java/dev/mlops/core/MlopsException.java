package dev.mlops.core;

/**
 * The root of every exception this library throws.
 *
 * <p>All of them are unchecked. Subtypes say what kind of failure happened so a caller can react to it:
 * {@link NotFoundException}, {@link ConflictException}, {@link InvalidInputException},
 * {@link CorruptedDataException}, {@link ConfigurationException} and {@link StorageException}.
 * A message always names what was being done and on what (a key, a digest, a file), never just "error".
 */
public class MlopsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong and where
   */
  public MlopsException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and the failure that caused it.
   *
   * @param message what went wrong and where
   * @param cause the underlying failure
   */
  public MlopsException(String message, Throwable cause) {
    super(message, cause);
  }
}
