package dev.mlops.validation.internal.drift;

import dev.mlops.core.InvalidInputException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Guards for kernel arguments: non-null, large enough, finite, and sorted copies of samples.
 *
 * <p>Stateless and thread-safe.
 */
public final class SampleChecks {
  /** Above this length sorting uses {@link Arrays#parallelSort(double[])}. */
  private static final int PARALLEL_SORT_THRESHOLD = 1 << 16;

  private SampleChecks() {}

  /**
   * Checks that a sample has at least {@code minSize} finite values.
   *
   * @param sample the values
   * @param name the argument name used in error messages
   * @param minSize the smallest accepted length
   * @throws InvalidInputException if the sample is too short or holds NaN or an infinity
   */
  public static void requireFinite(double[] sample, String name, int minSize) {
    Objects.requireNonNull(sample, name);
    if (sample.length < minSize) {
      throw new InvalidInputException(
          name + " needs at least " + minSize + " value(s), got " + sample.length);
    }
    for (int i = 0; i < sample.length; i++) {
      if (!Double.isFinite(sample[i])) {
        throw new InvalidInputException(name + "[" + i + "] is " + sample[i] + "; values must be finite");
      }
    }
  }

  /**
   * Checks a sample as {@link #requireFinite} does and returns a sorted copy.
   *
   * @param sample the values
   * @param name the argument name used in error messages
   * @param minSize the smallest accepted length
   * @return a sorted copy, the argument is not changed
   * @throws InvalidInputException if the sample is too short or holds NaN or an infinity
   */
  public static double[] sortedCopy(double[] sample, String name, int minSize) {
    requireFinite(sample, name, minSize);
    double[] copy = sample.clone();
    if (copy.length >= PARALLEL_SORT_THRESHOLD) {
      Arrays.parallelSort(copy);
    } else {
      Arrays.sort(copy);
    }
    return copy;
  }

  /**
   * Checks a vector of non-negative finite weights (counts or proportions) with a positive sum.
   *
   * @param weights the weights
   * @param name the argument name used in error messages
   * @return the sum of the weights
   * @throws InvalidInputException if a weight is negative or not finite, or all are zero
   */
  public static double requireWeights(double[] weights, String name) {
    Objects.requireNonNull(weights, name);
    double sum = 0.0;
    for (int i = 0; i < weights.length; i++) {
      if (!(weights[i] >= 0.0) || weights[i] == Double.POSITIVE_INFINITY) {
        throw new InvalidInputException(
            name + "[" + i + "] is " + weights[i] + "; weights must be finite and non-negative");
      }
      sum += weights[i];
    }
    if (!(sum > 0.0)) {
      throw new InvalidInputException(name + " must have a positive sum, got " + sum);
    }
    return sum;
  }
}
