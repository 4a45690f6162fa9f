package dev.mlops.validation.internal.drift;

import org.apache.commons.statistics.distribution.HypergeometricDistribution;

/**
 * The probability mass and both tails of a hypergeometric distribution, in time that does not grow with the
 * counts: a tail is summed from its inner end outwards with the ratio of neighbouring terms, and the sum stops
 * once a term falls below {@value #NEGLIGIBLE} of the sum so far (the terms only shrink from there on, at least
 * geometrically). A tail that would have to pass the mode is taken as the complement of the other one. So a
 * table of two billion counts costs about as much as a table of a thousand: the terms that matter lie within a
 * few standard deviations, and a standard deviation is at most {@code sqrt(total) / 2}.
 *
 * <p>Each term comes from the ratio to its neighbour; every {@value #REANCHOR} terms the running term is taken
 * afresh from the saddle-point mass of Commons Statistics, so rounding in the ratios never builds up. Sums are
 * compensated (Neumaier). This is the method of Boost's hypergeometric CDF, which scipy's {@code hypergeom}
 * uses. Immutable and thread-safe.
 */
final class HypergeometricTails {
  /** A term below this fraction of the sum so far ends the sum. */
  static final double NEGLIGIBLE = 1e-20;
  /** How many terms are built by ratios before the running term is taken afresh. */
  private static final int REANCHOR = 1024;

  private final HypergeometricDistribution mass;
  private final long population;
  private final long successes;
  private final long draws;
  private final int lowest;
  private final int highest;
  private final int mode;

  /**
   * A distribution of the number of successes in {@code draws} draws without replacement.
   *
   * @param population the population size, at most {@link Integer#MAX_VALUE}
   * @param successes the successes in the population
   * @param draws the draws
   */
  HypergeometricTails(int population, int successes, int draws) {
    this.mass = HypergeometricDistribution.of(population, successes, draws);
    this.population = population;
    this.successes = successes;
    this.draws = draws;
    this.lowest = mass.getSupportLowerBound();
    this.highest = mass.getSupportUpperBound();
    this.mode = (int) ((draws + 1.0) * (successes + 1.0) / (population + 2.0));
  }

  /**
   * The mode as scipy's {@code fisher_exact} computes it, {@code floor((draws + 1) (successes + 1) /
   * (population + 2))} in double arithmetic (so no int sum can overflow at a population of 2^31 - 1).
   */
  int mode() {
    return mode;
  }

  /** The probability of exactly {@code k} successes. */
  double probability(int k) {
    return mass.probability(k);
  }

  /** The probability of at most {@code k} successes. */
  double cumulativeProbability(int k) {
    if (k < lowest) {
      return 0.0;
    }
    if (k >= highest) {
      return 1.0;
    }
    return k <= mode ? sumDownFrom(k) : 1.0 - sumUpFrom(k + 1);
  }

  /** The probability of more than {@code k} successes. */
  double survivalProbability(int k) {
    if (k < lowest) {
      return 1.0;
    }
    if (k >= highest) {
      return 0.0;
    }
    return k + 1 >= mode ? sumUpFrom(k + 1) : 1.0 - sumDownFrom(k);
  }

  /** {@code P(X <= k)} for {@code k} at most the mode, where terms shrink as {@code k} falls. */
  private double sumDownFrom(int k) {
    return sumFrom(k, -1);
  }

  /** {@code P(X >= k)} for {@code k} at least the mode, where terms shrink as {@code k} rises. */
  private double sumUpFrom(int k) {
    return sumFrom(k, 1);
  }

  /** Sums the terms from {@code k} in direction {@code step} (-1 or 1) until they stop mattering. */
  private double sumFrom(int k, int step) {
    int end = step < 0 ? lowest : highest;
    double term = mass.probability(k);
    double sum = term;
    double compensation = 0;
    for (int i = k, steps = 1; i != end; i += step, steps++) {
      term = steps % REANCHOR == 0 ? mass.probability(i + step) : term * ratio(i, step);
      double next = sum + term;
      compensation += sum >= term ? (sum - next) + term : (term - next) + sum;
      sum = next;
      if (term <= NEGLIGIBLE * sum) { // also ends a tail whose terms underflow to zero
        break;
      }
    }
    return sum + compensation;
  }

  /** {@code P(X = i + step) / P(X = i)}. */
  private double ratio(int i, int step) {
    long failuresLeft = population - successes - draws;
    return step < 0
        ? ((double) i * (failuresLeft + i)) / ((double) (successes - i + 1) * (draws - i + 1))
        : ((double) (successes - i) * (draws - i)) / ((double) (i + 1) * (failuresLeft + i + 1));
  }
}
