package dev.mlops.core;

/**
 * Thrown when a storage backend fails to do its work: an I/O error, a lock that could not be
 * acquired within its timeout, a backend that is unreachable.
 *
 * <p>The operation did not take effect unless the message says otherwise; stored data stays intact.
 */
public class StorageException extends MlopsException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong and where
   */
  public StorageException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong and where
   * @param cause the underlying failure
   */
  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
