package dev.mlops.tracking.monitor.anomaly;

import dev.mlops.core.InvalidInputException;

/** The checks the two change strategies share. Stateless. */
final class ChangeBounds {
  private ChangeBounds() {}

  static void check(String strategy, double maxDecrease, double maxIncrease, int order, int minOrder) {
    if (Double.isNaN(maxDecrease) || Double.isNaN(maxIncrease)) {
      throw new InvalidInputException(strategy + ": bounds must not be NaN");
    }
    if (maxDecrease == Double.NEGATIVE_INFINITY && maxIncrease == Double.POSITIVE_INFINITY) {
      throw new InvalidInputException(strategy + ": at least one of maxDecrease and maxIncrease must be finite");
    }
    if (maxDecrease > maxIncrease) {
      throw new InvalidInputException(strategy + ": maxDecrease " + maxDecrease + " is above maxIncrease "
          + maxIncrease);
    }
    if (order < minOrder) {
      throw new InvalidInputException(strategy + ": order must be >= " + minOrder + ", got " + order);
    }
  }
}
