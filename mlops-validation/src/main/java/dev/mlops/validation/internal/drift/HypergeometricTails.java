package dev.mlops.validation.internal.drift;

/**
 * The probability mass and both tails of a hypergeometric distribution, in time that does not grow with the
 * counts: a tail is summed from its inner end outwards with the ratio of neighbouring terms, and the sum stops
 * once a term falls below {@value #NEGLIGIBLE} of the sum so far (the terms only shrink from there on, at least
 * geometrically). A tail that would have to pass the mode is taken as the complement of the other one. So a
 * table of two billion counts costs about as much as a table of a thousand: the terms that matter lie within a
 * few standard deviations, and a standard deviation is at most {@code sqrt(total) / 2}.
 *
 * <p>Each term comes from the ratio to its neighbour; every {@value #REANCHOR} terms the running term is taken
 * afresh from the mass, so rounding in the ratios never builds up. Sums are compensated (Neumaier). This is
 * the method of Boost's hypergeometric CDF, which scipy's {@code hypergeom} uses.
 *
 * <p>The mass is Loader's saddle-point form (as R's {@code dhyper}): three binomial probabilities at
 * {@code p = draws / population}, each {@code exp(stirlerr terms - bd0 terms)}. Its one ill-conditioned
 * input is the deviation {@code x - mean} inside {@code bd0}: a mean such as {@code successes * draws /
 * population} rounded to a double is off by up to {@code mean * 1e-16}, and that error, multiplied by the
 * deviation, reaches 1e-11 relative on a table of two billion. Here the deviation is formed exactly in
 * integers, {@code (x * population - successes * draws) / population}, so the mass keeps about 1e-14
 * relative accuracy at any total. Immutable and thread-safe.
 */
final class HypergeometricTails {
  /** A term below this fraction of the sum so far ends the sum. */
  static final double NEGLIGIBLE = 1e-20;
  /** How many terms are built by ratios before the running term is taken afresh. */
  private static final int REANCHOR = 1024;
  private static final double LN_2PI = 1.8378770664093453;
  /** {@code stirlerr(n) = ln n! - (n + 1/2) ln n + n - ln sqrt(2 pi)} for n = 0..15 (0 for n = 0, unused). */
  private static final double[] STIRLERR = {0.0, 0.08106146679532726, 0.0413406959554093, 0.02767792568499834,
      0.020790672103765093, 0.016644691189821193, 0.013876128823070748, 0.01189670994589177,
      0.010411265261972096, 0.009255462182712733, 0.00833056343336287, 0.007573675487951841,
      0.00694284010720953, 0.006408994188004207, 0.0059513701127588475, 0.005554733551962801};

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
    this.population = population;
    this.successes = successes;
    this.draws = draws;
    this.lowest = Math.max(0, draws - (population - successes));
    this.highest = Math.min(draws, successes);
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
    if (k < lowest || k > highest) {
      return 0.0;
    }
    if (lowest == highest) {
      return 1.0;
    }
    return Math.exp(logBinomial(k, successes) + logBinomial(draws - k, population - successes)
        - logBinomial(draws, population));
  }

  /**
   * The log of the binomial probability of {@code x} successes in {@code m} trials at
   * {@code p = draws / population} (Loader 2000, "Fast and accurate computation of binomial probabilities").
   */
  private double logBinomial(long x, long m) {
    if (x == 0) {
      return m == 0 ? 0.0 : m * logRatio(population - draws, population);
    }
    if (x == m) {
      return m * logRatio(draws, population);
    }
    double lc = stirlerr(m) - stirlerr(x) - stirlerr(m - x) - bd0(x, m * draws) - bd0(m - x, m * (population - draws));
    double lf = LN_2PI + Math.log(x) + logRatio(m - x, m);
    return lc - 0.5 * lf;
  }

  /** {@code ln(part / whole)}, through {@code log1p} of the rest when the fraction is close to 1. */
  private static double logRatio(long part, long whole) {
    long rest = whole - part;
    return rest < part ? Math.log1p(-(double) rest / whole) : Math.log((double) part / whole);
  }

  /**
   * {@code x ln(x / mean) + mean - x} for {@code mean = meanTimesPopulation / population}, with the deviation
   * {@code x - mean} formed exactly in integers (both products are below 2^62).
   */
  private double bd0(long x, long meanTimesPopulation) {
    double mean = (double) meanTimesPopulation / population;
    double deviation = (double) (x * population - meanTimesPopulation) / population;
    if (Math.abs(deviation) < 0.1 * (x + mean)) {
      double v = deviation / (x + mean);
      double v2 = v * v;
      double sum = deviation * v;
      double term = 2 * x * v;
      for (int j = 1; j < 1000; j++) {
        term *= v2;
        double next = sum + term / (2 * j + 1);
        if (next == sum) {
          return next;
        }
        sum = next;
      }
      return sum;
    }
    return x * Math.log1p(deviation / mean) - deviation;
  }

  /** {@code ln n! - (n + 1/2) ln n + n - ln sqrt(2 pi)}: a table to 15, Stirling's series beyond. */
  private static double stirlerr(long n) {
    if (n <= 15) {
      return STIRLERR[(int) n];
    }
    double nn = (double) n * n;
    double s0 = 1.0 / 12;
    double s1 = 1.0 / 360;
    double s2 = 1.0 / 1260;
    double s3 = 1.0 / 1680;
    double s4 = 1.0 / 1188;
    if (n > 500) {
      return (s0 - s1 / nn) / n;
    }
    if (n > 80) {
      return (s0 - (s1 - s2 / nn) / nn) / n;
    }
    if (n > 35) {
      return (s0 - (s1 - (s2 - s3 / nn) / nn) / nn) / n;
    }
    return (s0 - (s1 - (s2 - (s3 - s4 / nn) / nn) / nn) / nn) / n;
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
    double term = probability(k);
    double sum = term;
    double compensation = 0;
    for (int i = k, steps = 1; i != end; i += step, steps++) {
      term = steps % REANCHOR == 0 ? probability(i + step) : term * ratio(i, step);
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
