package dev.mlops.validation.drift;

import dev.mlops.core.InvalidInputException;
import dev.mlops.validation.internal.drift.AndersonDarlingKSample;
import dev.mlops.validation.internal.drift.ContingencyTests;
import dev.mlops.validation.internal.drift.CramerVonMisesTwoSample;
import dev.mlops.validation.internal.drift.FisherExact;
import dev.mlops.validation.internal.drift.HistogramDistances;
import dev.mlops.validation.internal.drift.KolmogorovSmirnovSingleValue;
import dev.mlops.validation.internal.drift.KolmogorovSmirnovStatistic;
import dev.mlops.validation.internal.drift.MannWhitneyU;
import dev.mlops.validation.internal.drift.SampleChecks;
import dev.mlops.validation.internal.drift.SmirnovTail;
import dev.mlops.validation.internal.drift.TiedGroups;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;

/**
 * Two-sample statistics for data drift, each computed as scipy 1.10 computes it (to 1e-9 relative on
 * statistics and p-values, checked against committed scipy output).
 *
 * <p>By convention the first argument is the reference sample and the second the current one. Samples
 * must hold finite values (NaN and infinities are refused, not skipped: remove missing values first);
 * arguments are never modified. Continuous kernels sort copies, so they cost {@code O(n log n)}.
 * Histogram kernels take non-negative weights (counts or proportions) over the same bins and normalize
 * each side to proportions.
 *
 * <p>All methods are static, stateless and thread-safe. Every method throws
 * {@link InvalidInputException} (naming the argument and index) for null, too short, non-finite or
 * mismatched input.
 */
public final class DriftStatistics {
  /** scipy's {@code ks_2samp} uses the exact p-value when the larger sample has at most this many values. */
  public static final int KS_EXACT_MAX_SIZE = 10_000;

  private static final String REF = "reference";
  private static final String CUR = "current";
  private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

  private DriftStatistics() {}

  /**
   * Two-sample two-sided Kolmogorov-Smirnov test, as {@code scipy.stats.ks_2samp(reference, current)}.
   *
   * <p>D is evaluated on the empirical CDFs after each whole group of tied values. The p-value is exact
   * ({@code P(D >= d)}, counted over all arrangements) when the larger sample has at most
   * {@value #KS_EXACT_MAX_SIZE} values, and otherwise scipy's asymptotic one: the one-sample two-sided
   * Kolmogorov-Smirnov distribution at {@code n = round(n m / (n + m))}. With ties the exact p-value is
   * that of the continuous null distribution (conservative), as in scipy. A sample may hold a single
   * value, as scipy allows: for example {@code ks([0.5], [0.1, 0.2, 0.3])} gives D = 1 and p = 0.5, the
   * share of the four equally likely positions of the single value that put it at an end.
   *
   * @param reference the reference sample, at least one value
   * @param current the current sample, at least one value
   * @return D, the p-value and whether it is exact
   * @throws InvalidInputException if a sample is empty or holds a non-finite value
   */
  public static StatisticResult ks(double[] reference, double[] current) {
    SampleChecks.requireFinite(reference, REF, 1);
    SampleChecks.requireFinite(current, CUR, 1);
    boolean exact = Math.max(reference.length, current.length) <= KS_EXACT_MAX_SIZE;
    return kolmogorovSmirnov(reference, current, exact);
  }

  /**
   * Two-sample two-sided Kolmogorov-Smirnov test with the asymptotic p-value, as
   * {@code scipy.stats.ks_2samp(reference, current, method='asymp')}.
   *
   * <p>With a single value on one side the limiting distribution is the one-sample one at
   * {@code n = 1}: {@code p = min(1, 2 (1 - D))}. With a single value on both sides it is undefined
   * ({@code n m / (n + m) = 0.5} rounds to 0 and scipy returns NaN), so that input is refused.
   *
   * @param reference the reference sample, at least one value
   * @param current the current sample, at least one value, and at least two values in the two samples
   *     together
   * @return D and the asymptotic p-value
   * @throws InvalidInputException if a sample is empty or holds a non-finite value, or both samples hold
   *     one value
   */
  public static StatisticResult ksAsymptotic(double[] reference, double[] current) {
    SampleChecks.requireFinite(reference, REF, 1);
    SampleChecks.requireFinite(current, CUR, 1);
    return kolmogorovSmirnov(reference, current, false);
  }

  private static StatisticResult kolmogorovSmirnov(double[] reference, double[] current, boolean exact) {
    double d;
    double p;
    double upperD;
    if (Math.min(reference.length, current.length) == 1) {
      // Commons Statistics needs two values per sample; scipy's closed form for one value is simple
      KolmogorovSmirnovSingleValue.Outcome o = KolmogorovSmirnovSingleValue.test(groups(reference, current, 1),
          exact);
      d = o.statistic();
      p = o.pValue();
      upperD = o.upperStatistic();
    } else if (exact) {
      KolmogorovSmirnovTest.TwoResult r = commonsTest(SampleChecks.sortedCopy(reference, REF, 2),
          SampleChecks.sortedCopy(current, CUR, 2), true);
      d = r.getStatistic();
      p = r.getPValue();
      upperD = r.hasSignificantTies() ? r.getUpperD() : d;
    } else {
      // Large samples: one integer merge of the sorted copies gives D, and the Smirnov tail sum evaluates
      // the p-value in a few percent of the time Commons Statistics needs for it (the same formula)
      double[] x = SampleChecks.sortedCopy(reference, REF, 2);
      double[] y = SampleChecks.sortedCopy(current, CUR, 2);
      KolmogorovSmirnovStatistic s = KolmogorovSmirnovStatistic.ofSorted(x, y);
      d = s.statistic();
      upperD = s.upperStatistic();
      int large = Math.max(x.length, y.length);
      int small = Math.min(x.length, y.length);
      int effective = (int) Math.round((double) large * small / ((double) large + small));
      p = SmirnovTail.covers(effective, d) ? SmirnovTail.twoSidedSf(effective, d)
          : commonsTest(x, y, false).getPValue();
    }
    List<String> notes = new ArrayList<>();
    if (upperD > d) {
      notes.add("ties between the samples: D is computed after each tie group; an ordering of the ties "
          + "could give D up to " + upperD);
    }
    return new StatisticResult(DriftMethod.KOLMOGOROV_SMIRNOV,
        exact ? PValueMethod.EXACT : PValueMethod.ASYMPTOTIC, d, p, false, notes);
  }

  /**
   * Commons Statistics' test on samples already checked and sorted (sorted on all cores by
   * {@link SampleChecks#sortedCopy}), which makes its own sort a linear run check.
   */
  private static KolmogorovSmirnovTest.TwoResult commonsTest(double[] sortedReference, double[] sortedCurrent,
      boolean exact) {
    try {
      return KolmogorovSmirnovTest.withDefaults()
          .with(exact ? org.apache.commons.statistics.inference.PValueMethod.EXACT
              : org.apache.commons.statistics.inference.PValueMethod.ASYMPTOTIC)
          .test(sortedReference, sortedCurrent);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("Kolmogorov-Smirnov test refused its input: " + e.getMessage(), e);
    }
  }

  /**
   * First Wasserstein distance between the empirical distributions, as
   * {@code scipy.stats.wasserstein_distance(reference, current)}: the area between the two ECDFs.
   *
   * @param reference the reference sample, at least one value
   * @param current the current sample, at least one value
   * @return the distance, in the unit of the data
   * @throws InvalidInputException if a sample is empty or holds a non-finite value
   */
  public static StatisticResult wasserstein(double[] reference, double[] current) {
    return StatisticResult.distance(DriftMethod.WASSERSTEIN, groups(reference, current, 1).cdfDifferenceIntegral(1));
  }

  /**
   * Wasserstein distance divided by the reference's population standard deviation ({@code ddof = 0}),
   * so that it is unit-free; as Evidently's "normed" Wasserstein, but without a floor on the deviation.
   *
   * @param reference the reference sample, at least two distinct values
   * @param current the current sample, at least one value
   * @return the normalized distance
   * @throws InvalidInputException if the reference is constant, or a sample is empty or not finite
   */
  public static StatisticResult wassersteinNormalized(double[] reference, double[] current) {
    double w = groups(reference, current, 1).cdfDifferenceIntegral(1);
    double sd = populationStandardDeviation(reference);
    if (!(sd > 0.0)) {
      throw new InvalidInputException("reference is constant; its standard deviation cannot normalize "
          + "the Wasserstein distance");
    }
    return StatisticResult.distance(DriftMethod.WASSERSTEIN_NORMALIZED, w / sd);
  }

  /**
   * Energy distance between the empirical distributions, as {@code scipy.stats.energy_distance}:
   * {@code sqrt(2 * integral (F_ref - F_cur)^2)}.
   *
   * @param reference the reference sample, at least one value
   * @param current the current sample, at least one value
   * @return the distance
   * @throws InvalidInputException if a sample is empty or holds a non-finite value
   */
  public static StatisticResult energyDistance(double[] reference, double[] current) {
    double integral = groups(reference, current, 1).cdfDifferenceIntegral(2);
    return StatisticResult.distance(DriftMethod.ENERGY_DISTANCE, Math.sqrt(2.0) * Math.sqrt(integral));
  }

  /**
   * k-sample Anderson-Darling test with midranks, as {@code scipy.stats.anderson_ksamp(samples)}.
   *
   * @param samples two or more samples (reference first), each non-empty
   * @return the standardized statistic and the interpolated p-value; see {@link #andersonDarling(boolean,
   *     double[]...)}
   * @throws InvalidInputException if fewer than two samples, an empty sample, non-finite values, or fewer
   *     than two distinct values overall
   */
  public static StatisticResult andersonDarling(double[]... samples) {
    return andersonDarling(true, samples);
  }

  /**
   * k-sample Anderson-Darling test (Scholz and Stephens 1987), as
   * {@code scipy.stats.anderson_ksamp(samples, midrank)}.
   *
   * <p>The statistic is standardized: {@code (A2 - (k - 1)) / sigma}. The p-value is interpolated in
   * Scholz and Stephens' table and only exists in [0.001, 0.25]: outside that range it is clipped to the
   * bound, {@link StatisticResult#pValueClipped()} is {@code true} and a note says whether the true value
   * is larger (0.25) or smaller (0.001).
   *
   * @param midrank {@code true} for the midrank statistic A2akN (for data with ties, scipy's default),
   *     {@code false} for the right-continuous A2kN
   * @param samples two or more samples (reference first), each non-empty
   * @return the standardized statistic and the p-value
   * @throws InvalidInputException if fewer than two samples, an empty sample, non-finite values, or fewer
   *     than two distinct values overall
   */
  public static StatisticResult andersonDarling(boolean midrank, double[]... samples) {
    Objects.requireNonNull(samples, "samples");
    if (samples.length < 2) {
      throw new InvalidInputException("Anderson-Darling needs at least two samples, got " + samples.length);
    }
    double[][] sorted = new double[samples.length][];
    boolean distinct = false;
    for (int i = 0; i < samples.length; i++) {
      sorted[i] = SampleChecks.sortedCopy(samples[i], "samples[" + i + "]", 1);
      distinct |= sorted[i][0] != sorted[0][0] || sorted[i][sorted[i].length - 1] != sorted[0][0];
    }
    if (!distinct) {
      throw new InvalidInputException("Anderson-Darling needs more than one distinct value");
    }
    AndersonDarlingKSample.Outcome o = AndersonDarlingKSample.test(sorted, midrank);
    List<String> notes = new ArrayList<>();
    if (o.clipped()) {
      notes.add(o.pValue() == AndersonDarlingKSample.P_CAP
          ? "p-value capped at 0.25: the true value is larger"
          : "p-value floored at 0.001: the true value is smaller");
    }
    for (double[] s : samples) {
      if (s.length < 5) {
        notes.add("a sample has fewer than 5 values; the interpolated p-value may be inaccurate");
        break;
      }
    }
    return new StatisticResult(DriftMethod.ANDERSON_DARLING, PValueMethod.INTERPOLATED, o.statistic(),
        o.pValue(), o.clipped(), notes);
  }

  /**
   * Two-sample Cramer-von Mises test with scipy's automatic choice, as
   * {@code scipy.stats.cramervonmises_2samp(reference, current)}: exact when both samples have at most
   * 20 values, asymptotic otherwise.
   *
   * @param reference the reference sample, at least two values
   * @param current the current sample, at least two values
   * @return T and the p-value
   * @throws InvalidInputException if a sample has fewer than two values or non-finite values
   */
  public static StatisticResult cramerVonMises(double[] reference, double[] current) {
    return cramerVonMises(reference, current, PValueMode.AUTO);
  }

  /**
   * Two-sample Cramer-von Mises test (Anderson 1962), as
   * {@code scipy.stats.cramervonmises_2samp(reference, current, method)}, with midranks for ties.
   *
   * @param reference the reference sample, at least two values
   * @param current the current sample, at least two values
   * @param mode {@code AUTO}, {@code EXACT} (refused when {@code n * m > 400}) or {@code ASYMPTOTIC}
   * @return T and the p-value
   * @throws InvalidInputException if a sample has fewer than two values or non-finite values, or the exact
   *     distribution is too large
   */
  public static StatisticResult cramerVonMises(double[] reference, double[] current, PValueMode mode) {
    Objects.requireNonNull(mode, "mode");
    TiedGroups g = groups(reference, current, 2);
    boolean exact = switch (mode) {
      case AUTO -> Math.max(g.nx(), g.ny()) <= CramerVonMisesTwoSample.AUTO_EXACT_MAX_SIZE;
      case EXACT -> true;
      case ASYMPTOTIC -> false;
    };
    if (exact && (long) g.nx() * g.ny() > CramerVonMisesTwoSample.EXACT_MAX_PRODUCT) {
      throw new InvalidInputException("exact Cramer-von Mises is limited to n * m <= "
          + CramerVonMisesTwoSample.EXACT_MAX_PRODUCT + ", got " + g.nx() + " * " + g.ny()
          + "; use ASYMPTOTIC");
    }
    CramerVonMisesTwoSample.Statistic s = CramerVonMisesTwoSample.statistic(g);
    double p = exact ? CramerVonMisesTwoSample.exactP(s.u(), g.nx(), g.ny())
        : CramerVonMisesTwoSample.asymptoticP(s.t(), g.nx(), g.ny());
    return new StatisticResult(DriftMethod.CRAMER_VON_MISES,
        exact ? PValueMethod.EXACT : PValueMethod.ASYMPTOTIC, s.t(), p, false, List.of());
  }

  /**
   * Pearson's chi-square test of independence with Yates' correction when there is one degree of freedom,
   * as {@code scipy.stats.chi2_contingency(table)}.
   *
   * @param table an r x c table of counts (rows: reference and current; columns: categories)
   * @return the statistic and the p-value
   * @throws InvalidInputException if the table is ragged, empty, negative or has an empty row or column
   */
  public static StatisticResult chiSquare(long[][] table) {
    return chiSquare(table, true);
  }

  /**
   * Pearson's chi-square test of independence, as
   * {@code scipy.stats.chi2_contingency(table, correction=yates)}.
   *
   * @param table an r x c table of counts
   * @param yates whether to apply Yates' continuity correction (only ever applied when dof is 1)
   * @return the statistic and the p-value; a note says when the correction was applied
   * @throws InvalidInputException if the table is ragged, empty, negative or has an empty row or column
   */
  public static StatisticResult chiSquare(long[][] table, boolean yates) {
    return contingency(table, yates, false);
  }

  /**
   * G-test (log-likelihood ratio) of independence with Yates' correction when there is one degree of
   * freedom, as {@code scipy.stats.chi2_contingency(table, lambda_="log-likelihood")}.
   *
   * @param table an r x c table of counts
   * @return G and the p-value
   * @throws InvalidInputException if the table is ragged, empty, negative or has an empty row or column
   */
  public static StatisticResult gTest(long[][] table) {
    return gTest(table, true);
  }

  /**
   * G-test of independence, as {@code scipy.stats.chi2_contingency(table, correction=yates,
   * lambda_="log-likelihood")}.
   *
   * @param table an r x c table of counts
   * @param yates whether to apply Yates' continuity correction (only ever applied when dof is 1)
   * @return G and the p-value
   * @throws InvalidInputException if the table is ragged, empty, negative or has an empty row or column
   */
  public static StatisticResult gTest(long[][] table, boolean yates) {
    return contingency(table, yates, true);
  }

  private static StatisticResult contingency(long[][] table, boolean yates, boolean g) {
    Objects.requireNonNull(table, "table");
    ContingencyTests.Outcome o = ContingencyTests.test(table, yates, g);
    List<String> notes = new ArrayList<>();
    notes.add("degrees of freedom: " + o.dof());
    if (o.yatesApplied()) {
      notes.add("Yates' continuity correction applied");
    }
    return new StatisticResult(g ? DriftMethod.G_TEST : DriftMethod.CHI_SQUARE, PValueMethod.ASYMPTOTIC,
        o.statistic(), o.pValue(), false, notes);
  }

  /**
   * Two-sided Fisher's exact test on a 2x2 table, as {@code scipy.stats.fisher_exact(table)}.
   *
   * @param table {@code [[a, b], [c, d]]} counts
   * @return the sample odds ratio {@code a d / (b c)} and the exact p-value
   * @throws InvalidInputException if the table is not 2x2 or holds negative counts
   */
  public static StatisticResult fisherExact(long[][] table) {
    return fisherExact(table, Alternative.TWO_SIDED);
  }

  /**
   * Fisher's exact test on a 2x2 table, as {@code scipy.stats.fisher_exact(table, alternative)}.
   *
   * <p>The statistic is the sample odds ratio (infinite when {@code b c = 0}, NaN when a margin is zero,
   * in which case the p-value is 1). The two-sided p-value sums all tables at most as likely as the
   * observed one (with scipy's relative tolerance of 1e-14).
   *
   * @param table {@code [[a, b], [c, d]]} counts
   * @param alternative {@code LESS}: odds ratio below 1; {@code GREATER}: above 1
   * @return the odds ratio and the exact p-value
   * @throws InvalidInputException if the table is not 2x2 or holds negative counts
   */
  public static StatisticResult fisherExact(long[][] table, Alternative alternative) {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(alternative, "alternative");
    FisherExact.Outcome o = FisherExact.test(table, alternative);
    return new StatisticResult(DriftMethod.FISHER_EXACT, PValueMethod.EXACT, o.oddsRatio(), o.pValue(), false,
        List.of());
  }

  /**
   * Two-sided two-proportion z-test with pooled variance (statsmodels' {@code proportions_ztest}).
   *
   * @param successesReference successes in the reference
   * @param totalReference trials in the reference, positive
   * @param successesCurrent successes in the current sample
   * @param totalCurrent trials in the current sample, positive
   * @return z and the p-value
   * @throws InvalidInputException if a count is negative or successes exceed trials
   */
  public static StatisticResult zTestProportions(long successesReference, long totalReference,
      long successesCurrent, long totalCurrent) {
    return zTestProportions(successesReference, totalReference, successesCurrent, totalCurrent,
        Alternative.TWO_SIDED);
  }

  /**
   * Two-proportion z-test with pooled variance: {@code z = (p_ref - p_cur) / sqrt(p (1 - p) (1/n_ref +
   * 1/n_cur))}. When both samples have the same constant outcome (pooled proportion 0 or 1) z is 0 and the
   * p-value 1, with a note.
   *
   * @param successesReference successes in the reference
   * @param totalReference trials in the reference, positive
   * @param successesCurrent successes in the current sample
   * @param totalCurrent trials in the current sample, positive
   * @param alternative {@code LESS}: the reference proportion is smaller; {@code GREATER}: larger
   * @return z and the p-value
   * @throws InvalidInputException if a count is negative or successes exceed trials
   */
  public static StatisticResult zTestProportions(long successesReference, long totalReference,
      long successesCurrent, long totalCurrent, Alternative alternative) {
    Objects.requireNonNull(alternative, "alternative");
    requireProportion(successesReference, totalReference, REF);
    requireProportion(successesCurrent, totalCurrent, CUR);
    double p1 = (double) successesReference / totalReference;
    double p2 = (double) successesCurrent / totalCurrent;
    double pooled = (double) (successesReference + successesCurrent) / (totalReference + totalCurrent);
    double variance = pooled * (1 - pooled) * (1.0 / totalReference + 1.0 / totalCurrent);
    if (variance == 0.0) {
      return new StatisticResult(DriftMethod.Z_TEST_PROPORTIONS, PValueMethod.ASYMPTOTIC, 0.0, 1.0, false,
          List.of("both samples have the same constant outcome"));
    }
    double z = (p1 - p2) / Math.sqrt(variance);
    return new StatisticResult(DriftMethod.Z_TEST_PROPORTIONS, PValueMethod.ASYMPTOTIC, z,
        normalP(z, alternative), false, List.of());
  }

  private static double normalP(double z, Alternative alternative) {
    return switch (alternative) {
      case TWO_SIDED -> Math.min(1.0, 2 * STANDARD_NORMAL.survivalProbability(Math.abs(z)));
      case LESS -> STANDARD_NORMAL.cumulativeProbability(z);
      case GREATER -> STANDARD_NORMAL.survivalProbability(z);
    };
  }

  private static void requireProportion(long successes, long total, String name) {
    if (total <= 0 || successes < 0 || successes > total) {
      throw new InvalidInputException(name + " needs 0 <= successes <= trials and trials > 0, got "
          + successes + " of " + total);
    }
  }

  /**
   * Two-sided two-sample t-test, as {@code scipy.stats.ttest_ind(reference, current, equal_var)}.
   *
   * <p>Student's test pools the variances; Welch's ({@code equalVariances = false}) uses the
   * Welch-Satterthwaite degrees of freedom. When both samples have zero variance, t is 0 and the p-value 1
   * if the means are equal, and infinite with p-value 0 otherwise (scipy returns NaN for the first case).
   *
   * @param reference the reference sample, at least two values
   * @param current the current sample, at least two values
   * @param equalVariances {@code true} for Student, {@code false} for Welch
   * @return t (positive when the reference mean is larger) and the p-value
   * @throws InvalidInputException if a sample has fewer than two values or non-finite values
   */
  public static StatisticResult tTest(double[] reference, double[] current, boolean equalVariances) {
    SampleChecks.requireFinite(reference, REF, 2);
    SampleChecks.requireFinite(current, CUR, 2);
    double n1 = reference.length;
    double n2 = current.length;
    double m1 = mean(reference);
    double m2 = mean(current);
    double v1 = sumSquaredDeviations(reference, m1) / (n1 - 1);
    double v2 = sumSquaredDeviations(current, m2) / (n2 - 1);
    double df;
    double denominator;
    if (equalVariances) {
      df = n1 + n2 - 2.0;
      double pooled = ((n1 - 1) * v1 + (n2 - 1) * v2) / df;
      denominator = Math.sqrt(pooled * (1.0 / n1 + 1.0 / n2));
    } else {
      double vn1 = v1 / n1;
      double vn2 = v2 / n2;
      df = (vn1 + vn2) * (vn1 + vn2) / (vn1 * vn1 / (n1 - 1) + vn2 * vn2 / (n2 - 1));
      if (Double.isNaN(df)) {
        df = 1.0;
      }
      denominator = Math.sqrt(vn1 + vn2);
    }
    DriftMethod method = equalVariances ? DriftMethod.T_TEST_STUDENT : DriftMethod.T_TEST_WELCH;
    double t = (m1 - m2) / denominator;
    if (Double.isNaN(t)) {
      return new StatisticResult(method, PValueMethod.EXACT, 0.0, 1.0, false,
          List.of("both samples are constant and equal"));
    }
    double p = Math.min(1.0, 2 * TDistribution.of(df).survivalProbability(Math.abs(t)));
    return new StatisticResult(method, PValueMethod.EXACT, t, p, false, List.of("degrees of freedom: " + df));
  }

  /**
   * Two-sided Mann-Whitney U test with continuity correction and scipy's automatic method, as
   * {@code scipy.stats.mannwhitneyu(reference, current)}.
   *
   * @param reference the reference sample, at least one value
   * @param current the current sample, at least one value
   * @return U of the reference and the p-value
   * @throws InvalidInputException if a sample is empty or holds non-finite values
   */
  public static StatisticResult mannWhitney(double[] reference, double[] current) {
    return mannWhitney(reference, current, Alternative.TWO_SIDED, PValueMode.AUTO, true);
  }

  /**
   * Mann-Whitney U test, as {@code scipy.stats.mannwhitneyu(reference, current, use_continuity,
   * alternative, method)}.
   *
   * <p>{@code AUTO} is exact when one sample has at most 8 values and there are no ties, asymptotic
   * otherwise. The asymptotic p-value uses the normal approximation with tie correction. The exact one
   * ignores ties (scipy's behaviour) and truncates a fractional U.
   *
   * @param reference the reference sample, at least one value
   * @param current the current sample, at least one value
   * @param alternative {@code LESS}: the reference tends to be smaller; {@code GREATER}: larger
   * @param mode how to compute the p-value
   * @param continuity whether the asymptotic p-value applies the continuity correction
   * @return U of the reference and the p-value
   * @throws InvalidInputException if a sample is empty or not finite, or the exact distribution is too large
   */
  public static StatisticResult mannWhitney(double[] reference, double[] current, Alternative alternative,
      PValueMode mode, boolean continuity) {
    Objects.requireNonNull(alternative, "alternative");
    Objects.requireNonNull(mode, "mode");
    TiedGroups g = groups(reference, current, 1);
    MannWhitneyU.Statistic s = MannWhitneyU.statistic(g);
    int n1 = g.nx();
    int n2 = g.ny();
    boolean exact = switch (mode) {
      case AUTO -> !(n1 > MannWhitneyU.AUTO_EXACT_MAX_SIZE && n2 > MannWhitneyU.AUTO_EXACT_MAX_SIZE)
          && !g.hasTies();
      case EXACT -> true;
      case ASYMPTOTIC -> false;
    };
    double u1 = s.u1();
    double u2 = (double) n1 * n2 - u1;
    double u;
    double factor = 1.0;
    switch (alternative) {
      case GREATER -> u = u1;
      case LESS -> u = u2;
      default -> {
        u = Math.max(u1, u2);
        factor = 2.0;
      }
    }
    double p = exact ? MannWhitneyU.exactSf(u, n1, n2)
        : MannWhitneyU.asymptoticSf(u, n1, n2, s.tieTerm(), continuity);
    p = Math.min(1.0, Math.max(0.0, p * factor));
    List<String> notes = exact && g.hasTies()
        ? List.of("exact p-value computed as if there were no ties") : List.of();
    return new StatisticResult(DriftMethod.MANN_WHITNEY, exact ? PValueMethod.EXACT : PValueMethod.ASYMPTOTIC,
        u1, p, false, notes);
  }

  /**
   * Population stability index {@code sum((q_i - p_i) ln(q_i / p_i))} over proportions p (reference) and
   * q (current). A bin empty on one side only makes it infinite: smooth both sides first (the drift
   * detector does); a bin empty on both sides adds nothing.
   *
   * @param reference reference weights (counts or proportions) per bin
   * @param current current weights over the same bins
   * @return the PSI
   * @throws InvalidInputException if lengths differ, a weight is negative or not finite, or a side sums to 0
   */
  public static StatisticResult psi(double[] reference, double[] current) {
    double[] sums = histogramSums(reference, current);
    return StatisticResult.distance(DriftMethod.PSI,
        HistogramDistances.psi(reference, sums[0], current, sums[1]));
  }

  /**
   * Kullback-Leibler divergence {@code KL(reference || current)} in nats, as
   * {@code scipy.stats.entropy(reference, current)}.
   *
   * @param reference reference weights per bin
   * @param current current weights over the same bins
   * @return the divergence (infinite when the current side has an empty bin the reference does not)
   * @throws InvalidInputException if lengths differ, a weight is negative or not finite, or a side sums to 0
   */
  public static StatisticResult kl(double[] reference, double[] current) {
    return kl(reference, current, Math.E);
  }

  /**
   * Kullback-Leibler divergence {@code KL(reference || current)} in the given log base, as
   * {@code scipy.stats.entropy(reference, current, base=base)}.
   *
   * @param reference reference weights per bin
   * @param current current weights over the same bins
   * @param base the logarithm base ({@code Math.E} for nats, 2 for bits)
   * @return the divergence
   * @throws InvalidInputException if the base is not positive, finite and different from 1, or the
   *     weights are invalid
   */
  public static StatisticResult kl(double[] reference, double[] current, double base) {
    requireBase(base);
    double[] sums = histogramSums(reference, current);
    return StatisticResult.distance(DriftMethod.KL_DIVERGENCE,
        HistogramDistances.kl(reference, sums[0], current, sums[1], base));
  }

  /**
   * Jensen-Shannon distance, the square root of the Jensen-Shannon divergence in the given log base, as
   * {@code scipy.spatial.distance.jensenshannon(reference, current, base)}. In base 2 it lies in
   * [0, 1]; in base e in [0, sqrt(ln 2)]. The base is explicit because libraries disagree on it.
   *
   * @param reference reference weights per bin
   * @param current current weights over the same bins
   * @param base the logarithm base
   * @return the distance
   * @throws InvalidInputException if the base is not positive, finite and different from 1, or the
   *     weights are invalid
   */
  public static StatisticResult jensenShannon(double[] reference, double[] current, double base) {
    requireBase(base);
    double[] sums = histogramSums(reference, current);
    return StatisticResult.distance(DriftMethod.JENSEN_SHANNON,
        HistogramDistances.jensenShannon(reference, sums[0], current, sums[1], base));
  }

  /**
   * Hellinger distance {@code ||sqrt(p) - sqrt(q)||_2 / sqrt(2)} between proportions, in [0, 1].
   *
   * @param reference reference weights per bin
   * @param current current weights over the same bins
   * @return the distance
   * @throws InvalidInputException if lengths differ, a weight is negative or not finite, or a side sums to 0
   */
  public static StatisticResult hellinger(double[] reference, double[] current) {
    double[] sums = histogramSums(reference, current);
    return StatisticResult.distance(DriftMethod.HELLINGER,
        HistogramDistances.hellinger(reference, sums[0], current, sums[1]));
  }

  /**
   * L-infinity distance {@code max |p_i - q_i|} between proportions, in [0, 1].
   *
   * @param reference reference weights per bin
   * @param current current weights over the same bins
   * @return the distance
   * @throws InvalidInputException if lengths differ, a weight is negative or not finite, or a side sums to 0
   */
  public static StatisticResult lInfinity(double[] reference, double[] current) {
    double[] sums = histogramSums(reference, current);
    return StatisticResult.distance(DriftMethod.L_INFINITY,
        HistogramDistances.lInfinity(reference, sums[0], current, sums[1]));
  }

  private static void requireBase(double base) {
    if (!(base > 0.0) || base == 1.0 || Double.isInfinite(base)) {
      throw new InvalidInputException("log base must be positive, finite and not 1, got " + base);
    }
  }

  private static double[] histogramSums(double[] reference, double[] current) {
    double refSum = SampleChecks.requireWeights(reference, REF);
    double curSum = SampleChecks.requireWeights(current, CUR);
    if (reference.length != current.length) {
      throw new InvalidInputException("histograms must have the same bins: reference has "
          + reference.length + ", current has " + current.length);
    }
    return new double[] {refSum, curSum};
  }

  private static TiedGroups groups(double[] reference, double[] current, int minSize) {
    return TiedGroups.of(SampleChecks.sortedCopy(reference, REF, minSize),
        SampleChecks.sortedCopy(current, CUR, minSize));
  }

  private static double mean(double[] values) {
    double sum = 0.0;
    double c = 0.0;
    for (double v : values) {
      double y = v - c;
      double t = sum + y;
      c = (t - sum) - y;
      sum = t;
    }
    return sum / values.length;
  }

  private static double sumSquaredDeviations(double[] values, double mean) {
    double sum = 0.0;
    double c = 0.0;
    for (double v : values) {
      double d = v - mean;
      double y = d * d - c;
      double t = sum + y;
      c = (t - sum) - y;
      sum = t;
    }
    return sum;
  }

  static double populationStandardDeviation(double[] values) {
    double m = mean(values);
    return Math.sqrt(sumSquaredDeviations(values, m) / values.length);
  }
}
