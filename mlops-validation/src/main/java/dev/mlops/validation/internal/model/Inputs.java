package dev.mlops.validation.internal.model;

import dev.mlops.core.InvalidInputException;

/** Argument checks shared by every evaluation, each naming the array and row at fault. Stateless. */
public final class Inputs {
  private Inputs() {}

  /**
   * Checks that two arrays have one length and are not empty.
   *
   * @param a the first array's name
   * @param na its length
   * @param b the second array's name
   * @param nb its length
   * @throws InvalidInputException if the lengths differ or are zero
   */
  public static void checkLengths(String a, int na, String b, int nb) {
    if (na != nb) {
      throw new InvalidInputException(a + " has " + na + " rows but " + b + " has " + nb);
    }
    if (na == 0) {
      throw new InvalidInputException(a + " and " + b + " are empty: a metric needs at least one row");
    }
  }

  /**
   * Checks that every value is finite.
   *
   * @param name the array's name
   * @param values the values
   * @throws InvalidInputException naming the first NaN or infinite value
   */
  public static void checkFinite(String name, double[] values) {
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new InvalidInputException(name + "[" + i + "] is " + values[i] + "; every value must be finite");
      }
    }
  }

  /**
   * Checks sample weights: one per row, finite, not negative, not all zero.
   *
   * @param weight the weights
   * @param rows the number of rows
   * @throws InvalidInputException naming what is wrong
   */
  public static void checkWeights(double[] weight, int rows) {
    if (weight.length != rows) {
      throw new InvalidInputException("weight has " + weight.length + " rows but the data has " + rows);
    }
    boolean any = false;
    for (int i = 0; i < weight.length; i++) {
      double w = weight[i];
      if (!(w >= 0) || w == Double.POSITIVE_INFINITY) {
        throw new InvalidInputException("weight[" + i + "] is " + w + "; weights must be finite and not negative");
      }
      any |= w > 0;
    }
    if (!any) {
      throw new InvalidInputException("every weight is zero; the weights cannot be normalized");
    }
  }

  /**
   * Checks that a value is a probability.
   *
   * @param name the array's name
   * @param values the values
   * @throws InvalidInputException naming the first value outside [0, 1]
   */
  public static void checkProbabilities(String name, double[] values) {
    for (int i = 0; i < values.length; i++) {
      if (!(values[i] >= 0 && values[i] <= 1)) {
        throw new InvalidInputException(name + "[" + i + "] is " + values[i] + "; a probability must lie in [0, 1]");
      }
    }
  }
}
