package dev.mlops.tracking.sweep;

import dev.mlops.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The values one hyperparameter may take in a sweep: a list of choices, an integer range, or a uniform or
 * log-uniform real interval. Grid search enumerates choices and integer ranges; random search samples any
 * of them. Immutable.
 */
public sealed interface ParameterRange {
  /**
   * Draws one value.
   *
   * @param random the sweep's seeded generator
   * @return the value
   */
  Object sample(SplittableRandom random);

  /**
   * Lists every value, for grid search.
   *
   * @param name the parameter name, for the error
   * @return the values
   * @throws InvalidInputException if the range is continuous
   */
  List<Object> enumerate(String name);

  /**
   * A fixed list of values.
   *
   * @param values at least one value
   */
  record Choice(List<Object> values) implements ParameterRange {
    /**
     * Copies and checks the values.
     *
     * @param values at least one value
     */
    public Choice {
      values = List.copyOf(values);
      if (values.isEmpty()) {
        throw new InvalidInputException("a choice needs at least one value");
      }
    }

    @Override
    public Object sample(SplittableRandom random) {
      return values.get(random.nextInt(values.size()));
    }

    @Override
    public List<Object> enumerate(String name) {
      return values;
    }
  }

  /**
   * Integers from {@code min} to {@code max}, both included.
   *
   * @param min the lower bound
   * @param max the upper bound, at least {@code min}
   */
  record IntRange(int min, int max) implements ParameterRange {
    /**
     * Checks the bounds.
     *
     * @param min the lower bound
     * @param max the upper bound, at least {@code min}
     */
    public IntRange {
      if (max < min) {
        throw new InvalidInputException("integer range [" + min + ", " + max + "] is empty");
      }
    }

    @Override
    public Object sample(SplittableRandom random) {
      return min + random.nextInt(max - min + 1);
    }

    @Override
    public List<Object> enumerate(String name) {
      if ((long) max - min >= 10_000) {
        throw new InvalidInputException("parameter '" + name + "' spans " + ((long) max - min + 1)
            + " integers, too many for a grid (at most 10,000); use random search");
      }
      List<Object> out = new ArrayList<>();
      for (int i = min; i <= max; i++) {
        out.add(i);
      }
      return out;
    }
  }

  /**
   * Reals drawn uniformly from {@code [min, max)}, or log-uniformly when {@code log} is set.
   *
   * @param min the lower bound (positive when {@code log})
   * @param max the upper bound
   * @param log true to sample the exponent uniformly
   */
  record RealRange(double min, double max, boolean log) implements ParameterRange {
    /**
     * Checks the bounds.
     *
     * @param min the lower bound (positive when {@code log})
     * @param max the upper bound
     * @param log true to sample the exponent uniformly
     */
    public RealRange {
      if (!(Double.isFinite(min) && Double.isFinite(max) && min < max)) {
        throw new InvalidInputException("real range [" + min + ", " + max + ") must be finite and non-empty");
      }
      if (log && min <= 0) {
        throw new InvalidInputException("log-uniform range needs a positive lower bound, got " + min);
      }
    }

    @Override
    public Object sample(SplittableRandom random) {
      if (log) {
        return Math.exp(Math.log(min) + random.nextDouble() * (Math.log(max) - Math.log(min)));
      }
      return min + random.nextDouble() * (max - min);
    }

    @Override
    public List<Object> enumerate(String name) {
      throw new InvalidInputException("parameter '" + name + "' is a continuous range; grid search needs choices "
          + "or integer ranges (use random search)");
    }
  }
}
