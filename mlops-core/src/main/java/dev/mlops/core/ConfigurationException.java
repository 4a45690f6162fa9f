package dev.mlops.core;

/**
 * Thrown when the library is set up wrongly: an unknown store URI scheme, a missing provider, a bad option.
 *
 * <p>The message says what would fix it (for example, which schemes are available on the classpath).
 */
public class ConfigurationException extends MlopsException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong and where
   */
  public ConfigurationException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong and where
   * @param cause the underlying failure
   */
  public ConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
