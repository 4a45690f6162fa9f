package dev.mlops.tracking.internal.monitor;

import dev.mlops.core.InvalidInputException;

/**
 * Argument checks shared by the detector configurations; each failure names the setting and the rule.
 * Stateless and thread-safe.
 */
public final class ConfigChecks {
  private ConfigChecks() {}

  /**
   * Requires a finite value strictly between 0 and 1.
   *
   * @param owner the configuration type, for the message
   * @param name the setting
   * @param value the value
   * @return {@code value}
   * @throws InvalidInputException if the value is outside (0, 1)
   */
  public static double openUnit(String owner, String name, double value) {
    if (!(value > 0 && value < 1)) {
      throw new InvalidInputException(owner + "." + name + " must be in (0, 1), got " + value);
    }
    return value;
  }

  /**
   * Requires a finite value of at least a minimum.
   *
   * @param owner the configuration type, for the message
   * @param name the setting
   * @param value the value
   * @param min the smallest allowed value
   * @return {@code value}
   * @throws InvalidInputException if the value is NaN, infinite or below {@code min}
   */
  public static double atLeast(String owner, String name, double value, double min) {
    if (!Double.isFinite(value) || value < min) {
      throw new InvalidInputException(owner + "." + name + " must be a finite number >= " + min + ", got " + value);
    }
    return value;
  }

  /**
   * Requires a finite value strictly above a minimum.
   *
   * @param owner the configuration type, for the message
   * @param name the setting
   * @param value the value
   * @param min the exclusive lower bound
   * @return {@code value}
   * @throws InvalidInputException if the value is NaN, infinite or not above {@code min}
   */
  public static double above(String owner, String name, double value, double min) {
    if (!Double.isFinite(value) || value <= min) {
      throw new InvalidInputException(owner + "." + name + " must be a finite number > " + min + ", got " + value);
    }
    return value;
  }

  /**
   * Requires an integer of at least a minimum.
   *
   * @param owner the configuration type, for the message
   * @param name the setting
   * @param value the value
   * @param min the smallest allowed value
   * @return {@code value}
   * @throws InvalidInputException if the value is below {@code min}
   */
  public static int atLeast(String owner, String name, int value, int min) {
    if (value < min) {
      throw new InvalidInputException(owner + "." + name + " must be >= " + min + ", got " + value);
    }
    return value;
  }
}
