package dev.mlops.validation.drift;

import dev.mlops.core.InvalidInputException;
import dev.mlops.validation.Column;
import dev.mlops.validation.Table;
import dev.mlops.validation.internal.drift.ColumnValues;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Compares a reference and a current dataset column by column and says which columns drifted and why.
 *
 * <p><b>Methods.</b> The default test and effect size depend on the column type and on whether raw values
 * or only profiles are available:
 * <table>
 *   <caption>Default methods</caption>
 *   <tr><th>column</th><th>input</th><th>test (p-value)</th><th>effect size (default threshold)</th></tr>
 *   <tr><td>numeric ({@code LONG}, {@code DOUBLE}; {@code DATE} and {@code TIMESTAMP} on their epoch days
 *       and microseconds, see {@link NumericScale})</td><td>tables or arrays</td>
 *       <td>two-sample Kolmogorov-Smirnov (exact up to 10,000 values per side, asymptotic above)</td>
 *       <td>Wasserstein distance / reference standard deviation (0.1)</td></tr>
 *   <tr><td>categorical ({@code STRING}, {@code BOOLEAN})</td><td>tables or arrays</td>
 *       <td>chi-square on the 2 x categories table (Yates when 2 categories); Fisher's exact test when
 *       there are 2 categories and an expected count is below 5</td>
 *       <td>Jensen-Shannon distance, base 2, on the smoothed bins (0.1)</td></tr>
 *   <tr><td>numeric with at most 5 distinct reference values ({@link Builder#discreteMaxValues})</td>
 *       <td>tables or arrays</td><td colspan="2">as categorical, on the values</td></tr>
 *   <tr><td>any</td><td>profiles</td><td>the chi-square / Fisher choice above on the fitted bins</td>
 *       <td>Jensen-Shannon distance, base 2 (0.1)</td></tr>
 * </table>
 * The numeric test can be switched to Anderson-Darling, Cramer-von Mises, Mann-Whitney or Welch's t-test
 * and the binned effect to PSI, Hellinger, L-infinity or KL with {@link Builder#numericTest} and
 * {@link Builder#binnedEffect}.
 *
 * <p><b>Decision.</b> A column drifts when its adjusted p-value is below alpha <em>and</em> its effect size
 * reaches the threshold. Large samples make every p-value tiny, so the effect size stops trivial shifts;
 * small samples make distances noisy (PSI on 50 rows), so the p-value stops noise. p-values are adjusted
 * across the compared columns (Benjamini-Hochberg by default). The dataset drifts when the share of drifted
 * columns reaches {@code shareThreshold} (default 0.5).
 *
 * <p><b>Bins.</b> Fitted on the reference (see {@link Binning}): quantile bins with open outer bins, a bin
 * per reference category, {@code <unseen>}, {@code <other>} and {@code <missing>}; bins of dates and
 * timestamps are labelled in ISO-8601 ({@code [2012-03-01, 2012-06-01)}). Missing values are
 * excluded from tests and effect sizes and reported in counts and warnings. Binned effect sizes add the
 * same pseudo-count ({@code smoothing}, default 0.5) to both sides of every bin that is non-empty on either
 * side, so PSI and KL stay finite; the chi-square and Fisher tests use the raw counts.
 *
 * <p>Immutable and thread-safe.
 */
public final class DriftDetector {
  private final double alpha;
  private final MultipleTesting correction;
  private final DriftMethod numericTest;
  private final double numericEffectThreshold;
  private final DriftMethod binnedEffect;
  private final double binnedEffectThreshold;
  private final double shareThreshold;
  private final double smoothing;
  private final int minSampleSize;
  private final double maxMissingShare;
  private final int discreteMaxValues;
  private final BinningOptions binning;

  private DriftDetector(Builder b) {
    this.alpha = b.alpha;
    this.correction = b.correction;
    this.numericTest = b.numericTest;
    this.numericEffectThreshold = b.numericEffectThreshold;
    this.binnedEffect = b.binnedEffect;
    this.binnedEffectThreshold = b.binnedEffectThreshold;
    this.shareThreshold = b.shareThreshold;
    this.smoothing = b.smoothing;
    this.minSampleSize = b.minSampleSize;
    this.maxMissingShare = b.maxMissingShare;
    this.discreteMaxValues = b.discreteMaxValues;
    this.binning = b.binning;
  }

  /**
   * Returns a detector with the documented defaults.
   *
   * @return the detector
   */
  public static DriftDetector defaults() {
    return builder().build();
  }

  /**
   * Starts a builder with the documented defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Compares two tables column by column, on raw values. {@code DATE} and {@code TIMESTAMP} columns are
   * compared as numbers on their epoch days and microseconds. Reference columns absent from the current
   * table, of another kind or scale there (a {@code DATE} column that became {@code LONG}), or with too few
   * values are listed as skipped.
   *
   * @param reference the reference table
   * @param current the current table
   * @return the dataset verdict
   */
  public DatasetDrift compare(Table reference, Table current) {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(current, "current");
    List<Pending> pending = new ArrayList<>();
    Map<String, String> skipped = new LinkedHashMap<>();
    for (Column ref : reference.columns()) {
      NumericScale scale = ColumnValues.scaleOf(ref);
      Column cur = current.findColumn(ref.name());
      if (cur == null) {
        skipped.put(ref.name(), "absent from the current table");
      } else if (ColumnValues.scaleOf(cur) != scale) {
        skipped.put(ref.name(), "type changed from " + ref.type() + " to " + cur.type());
      } else {
        try {
          pending.add(scale != null
              ? numeric(ref.name(), ColumnValues.numbers(ref), ColumnValues.numbers(cur), scale)
              : categorical(ref.name(), ColumnValues.categories(ref), ColumnValues.categories(cur)));
        } catch (InvalidInputException e) {
          skipped.put(ref.name(), e.getMessage());
        }
      }
    }
    return finish(pending, skipped);
  }

  /**
   * Compares a current profile with a reference profile, on binned counts only.
   *
   * @param reference the reference profile
   * @param current a profile counted over the reference's binnings ({@link DatasetProfile#observe} or
   *     {@link WindowProfile#snapshot()})
   * @return the dataset verdict
   */
  public DatasetDrift compare(DatasetProfile reference, DatasetProfile current) {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(current, "current");
    List<Pending> pending = new ArrayList<>();
    Map<String, String> skipped = new LinkedHashMap<>();
    for (ColumnHistogram ref : reference.columns()) {
      ColumnHistogram cur = current.column(ref.name());
      if (cur == null) {
        skipped.put(ref.name(), "absent from the current profile");
      } else if (!cur.binning().equals(ref.binning())) {
        skipped.put(ref.name(), "the current profile uses other bins than the reference");
      } else {
        try {
          pending.add(binned(ref.name(), ref, cur, Set.of()));
        } catch (InvalidInputException e) {
          skipped.put(ref.name(), e.getMessage());
        }
      }
    }
    return finish(pending, skipped);
  }

  /**
   * Compares one numeric column given as arrays (NaN and infinities are missing), without correction.
   *
   * @param name the column name used in the result
   * @param reference reference values
   * @param current current values
   * @return the column verdict
   * @throws InvalidInputException if a side has too few non-missing values for the test
   */
  public ColumnDrift compareNumbers(String name, double[] reference, double[] current) {
    Objects.requireNonNull(name, "name");
    return numeric(name, reference, current, NumericScale.NUMBER).finish(Double.NaN);
  }

  /**
   * Compares one categorical column given as arrays ({@code null} is missing), without correction.
   *
   * @param name the column name used in the result
   * @param reference reference categories
   * @param current current categories
   * @return the column verdict
   * @throws InvalidInputException if a side has no non-missing value
   */
  public ColumnDrift compareCategories(String name, @Nullable String[] reference, @Nullable String[] current) {
    Objects.requireNonNull(name, "name");
    return categorical(name, reference, current).finish(Double.NaN);
  }

  private DatasetDrift finish(List<Pending> pending, Map<String, String> skipped) {
    double[] raw = new double[pending.size()];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = pending.get(i).test.pValue();
    }
    double[] adjusted = correction.adjust(raw);
    List<ColumnDrift> out = new ArrayList<>();
    int drifted = 0;
    for (int i = 0; i < raw.length; i++) {
      ColumnDrift c = pending.get(i).finish(adjusted[i]);
      drifted += c.drifted() ? 1 : 0;
      out.add(c);
    }
    double share = out.isEmpty() ? 0.0 : (double) drifted / out.size();
    return new DatasetDrift(out, skipped, correction, alpha, share, shareThreshold,
        !out.isEmpty() && share >= shareThreshold);
  }

  private Pending numeric(String name, double[] reference, double[] current, NumericScale scale) {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(current, "current");
    Binning b = Binning.fitQuantiles(reference, binning.maxBins(), scale);
    ColumnHistogram refProfile = ColumnHistogram.ofNumbers(name, b, reference);
    ColumnHistogram curProfile = ColumnHistogram.ofNumbers(name, b, current);
    double[] ref = ColumnValues.finite(reference);
    double[] cur = ColumnValues.finite(current);
    if (Arrays.stream(ref).distinct().limit(discreteMaxValues + 1L).count() <= discreteMaxValues
        && ref.length > 0) {
      Pending p = categorical(name, ColumnValues.asCategories(reference, scale),
          ColumnValues.asCategories(current, scale));
      p.warnings.add("the reference has at most " + discreteMaxValues + " distinct values, so the column is "
          + "compared as categories");
      return p;
    }
    // Cramer-von Mises and the t-test need two values a side; the other tests accept one, as scipy does
    int minimum = numericTest == DriftMethod.CRAMER_VON_MISES || numericTest == DriftMethod.T_TEST_WELCH ? 2 : 1;
    if (ref.length < minimum || cur.length < minimum) {
      throw new InvalidInputException("column '" + name + "' needs at least " + minimum + " non-missing "
          + "value(s) on each side for " + numericTest + ", has " + ref.length + " (reference) and "
          + cur.length + " (current)");
    }
    StatisticResult test = switch (numericTest) {
      case ANDERSON_DARLING -> DriftStatistics.andersonDarling(ref, cur);
      case CRAMER_VON_MISES -> DriftStatistics.cramerVonMises(ref, cur);
      case MANN_WHITNEY -> DriftStatistics.mannWhitney(ref, cur);
      case T_TEST_WELCH -> DriftStatistics.tTest(ref, cur, false);
      default -> DriftStatistics.ks(ref, cur);
    };
    if (DriftStatistics.populationStandardDeviation(ref) > 0.0) {
      StatisticResult effect = DriftStatistics.wassersteinNormalized(ref, cur);
      Pending p = binned(name, refProfile, curProfile, Set.of());
      return p.withTest(test, effect, numericEffectThreshold);
    }
    Pending p = binned(name, refProfile, curProfile, Set.of());
    p.warnings.add("the reference is constant, so the effect size is " + p.effect.method()
        + " on the bins instead of the normalized Wasserstein distance");
    return p.withTest(test, p.effect, binnedEffectThreshold);
  }

  private Pending categorical(String name, @Nullable String[] reference, @Nullable String[] current) {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(current, "current");
    Binning b = Binning.fitCategories(reference, binning.maxCategories());
    Set<String> unseen = new LinkedHashSet<>();
    if (!b.hasOther()) {
      for (String v : current) {
        if (v != null && b.binOf(v) == b.unseenBin() && unseen.size() < 3) {
          unseen.add(v);
        }
      }
    }
    return binned(name, ColumnHistogram.ofCategories(name, b, reference), ColumnHistogram.ofCategories(name, b,
        current), unseen);
  }

  private Pending binned(String name, ColumnHistogram ref, ColumnHistogram cur, Set<String> unseenExamples) {
    Binning b = ref.binning();
    long[] rc = ref.counts();
    long[] cc = cur.counts();
    int missing = b.missingBin();
    List<Integer> used = new ArrayList<>();
    long nRef = 0;
    long nCur = 0;
    for (int i = 0; i < rc.length; i++) {
      if (i != missing) {
        nRef += rc[i];
        nCur += cc[i];
        if (rc[i] + cc[i] > 0) {
          used.add(i);
        }
      }
    }
    if (nRef == 0 || nCur == 0) {
      throw new InvalidInputException("column '" + name + "' has no non-missing values in the "
          + (nRef == 0 ? "reference" : "current sample"));
    }
    long[][] table = new long[2][used.size()];
    double[] p = new double[used.size()];
    double[] q = new double[used.size()];
    for (int k = 0; k < used.size(); k++) {
      table[0][k] = rc[used.get(k)];
      table[1][k] = cc[used.get(k)];
      p[k] = rc[used.get(k)] + smoothing;
      q[k] = cc[used.get(k)] + smoothing;
    }
    List<String> warnings = new ArrayList<>();
    StatisticResult test;
    if (used.size() == 2 && minExpected(table) < 5) {
      test = DriftStatistics.fisherExact(table);
    } else {
      test = DriftStatistics.chiSquare(table);
      if (used.size() > 2 && minExpected(table) < 5) {
        warnings.add("some expected counts are below 5; the chi-square p-value is approximate");
      }
    }
    StatisticResult effect = switch (binnedEffect) {
      case PSI -> DriftStatistics.psi(p, q);
      case HELLINGER -> DriftStatistics.hellinger(p, q);
      case L_INFINITY -> DriftStatistics.lInfinity(p, q);
      case KL_DIVERGENCE -> DriftStatistics.kl(p, q);
      default -> DriftStatistics.jensenShannon(p, q, 2.0);
    };
    int top = -1;
    double topDiff = -1;
    for (int k = 0; k < used.size(); k++) {
      double d = Math.abs((double) table[1][k] / nCur - (double) table[0][k] / nRef);
      if (d > topDiff) {
        topDiff = d;
        top = k;
      }
    }
    if (nRef < minSampleSize || nCur < minSampleSize) {
      warnings.add(String.format(Locale.ROOT, "small sample: %d reference and %d current values (fewer "
          + "than %d); the test has little power and the effect size is noisy", nRef, nCur, minSampleSize));
    }
    double refMissingShare = (double) rc[missing] / (nRef + rc[missing]);
    double curMissingShare = (double) cc[missing] / (nCur + cc[missing]);
    if (refMissingShare > maxMissingShare || curMissingShare > maxMissingShare) {
      warnings.add(String.format(Locale.ROOT, "many missing values: %.1f%% of the reference, %.1f%% of the "
          + "current sample", 100 * refMissingShare, 100 * curMissingShare));
    }
    int unseenBin = b.unseenBin();
    if (unseenBin >= 0 && cc[unseenBin] > 0) {
      warnings.add(String.format(Locale.ROOT, "%d current values (%.1f%%) in categories the reference never "
          + "had%s", cc[unseenBin], 100.0 * cc[unseenBin] / nCur,
          unseenExamples.isEmpty() ? "" : ", e.g. " + String.join(", ", unseenExamples.stream()
              .map(s -> "'" + s + "'").toList())));
    }
    List<String> labels = b.labels();
    List<Long> refList = new ArrayList<>();
    List<Long> curList = new ArrayList<>();
    for (int i = 0; i < rc.length; i++) {
      refList.add(rc[i]);
      curList.add(cc[i]);
    }
    int topBin = used.get(top);
    return new Pending(name, b.kind(), test, effect, binnedEffectThreshold, nRef, nCur, rc[missing],
        cc[missing], new BinnedCounts(labels, refList, curList), labels.get(topBin),
        (double) rc[topBin] / nRef, (double) cc[topBin] / nCur, warnings);
  }

  private static double minExpected(long[][] table) {
    double total = 0;
    double[] rows = new double[2];
    double[] cols = new double[table[0].length];
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < cols.length; j++) {
        rows[i] += table[i][j];
        cols[j] += table[i][j];
        total += table[i][j];
      }
    }
    double min = Double.POSITIVE_INFINITY;
    for (double r : rows) {
      for (double c : cols) {
        min = Math.min(min, r * c / total);
      }
    }
    return min;
  }

  /** A column comparison before the cross-column correction. */
  private final class Pending {
    final String name;
    final Binning.Kind kind;
    StatisticResult test;
    StatisticResult effect;
    double threshold;
    final long nRef;
    final long nCur;
    final long missingRef;
    final long missingCur;
    final BinnedCounts counts;
    final String topBin;
    final double topRef;
    final double topCur;
    final List<String> warnings;

    Pending(String name, Binning.Kind kind, StatisticResult test, StatisticResult effect, double threshold,
        long nRef, long nCur, long missingRef, long missingCur, BinnedCounts counts, String topBin,
        double topRef, double topCur, List<String> warnings) {
      this.name = name;
      this.kind = kind;
      this.test = test;
      this.effect = effect;
      this.threshold = threshold;
      this.nRef = nRef;
      this.nCur = nCur;
      this.missingRef = missingRef;
      this.missingCur = missingCur;
      this.counts = counts;
      this.topBin = topBin;
      this.topRef = topRef;
      this.topCur = topCur;
      this.warnings = warnings;
    }

    Pending withTest(StatisticResult newTest, StatisticResult newEffect, double newThreshold) {
      this.test = newTest;
      this.effect = newEffect;
      this.threshold = newThreshold;
      return this;
    }

    /** Finishes with the adjusted p-value, or NaN meaning "no correction" (a single column). */
    ColumnDrift finish(double adjustedOrNaN) {
      double adjusted = Double.isNaN(adjustedOrNaN) ? test.pValue() : adjustedOrNaN;
      boolean significant = adjusted < alpha;
      boolean large = effect.statistic() >= threshold;
      boolean drifted = significant && large;
      String change = String.format(Locale.ROOT, "largest change in %s: %.1f%% -> %.1f%%", topBin,
          100 * topRef, 100 * topCur);
      String effectText = String.format(Locale.ROOT, "%s = %.3g", label(effect.method()), effect.statistic());
      String pText = String.format(Locale.ROOT, "%s p = %.3g (adjusted %.3g)", label(test.method()),
          test.pValue(), adjusted);
      String explanation;
      if (drifted) {
        explanation = String.format(Locale.ROOT, "drifted: %s < %.3g and %s >= %.3g; %s", pText, alpha,
            effectText, threshold, change);
      } else if (!significant) {
        explanation = String.format(Locale.ROOT, "no drift: %s >= %.3g, the difference may be noise "
            + "(%s; %s)", pText, alpha, effectText, change);
      } else {
        explanation = String.format(Locale.ROOT, "no drift: significant (%s) but %s < %.3g, a trivial "
            + "shift; %s", pText, effectText, threshold, change);
      }
      return new ColumnDrift(name, kind, test.method(), test.pValueMethod(), test.statistic(), test.pValue(),
          adjusted, alpha, effect.method(), effect.statistic(), threshold, drifted, nRef, nCur, missingRef,
          missingCur, counts, topBin, topRef, topCur, explanation, warnings);
    }
  }

  private static String label(DriftMethod m) {
    return switch (m) {
      case KOLMOGOROV_SMIRNOV -> "KS";
      case WASSERSTEIN_NORMALIZED -> "Wasserstein/sd";
      case JENSEN_SHANNON -> "Jensen-Shannon (base 2)";
      case CHI_SQUARE -> "chi-square";
      case FISHER_EXACT -> "Fisher exact";
      default -> m.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    };
  }

  /**
   * Builds a {@link DriftDetector}; not thread-safe, the built detector is.
   */
  public static final class Builder {
    private double alpha = 0.05;
    private MultipleTesting correction = MultipleTesting.BENJAMINI_HOCHBERG;
    private DriftMethod numericTest = DriftMethod.KOLMOGOROV_SMIRNOV;
    private double numericEffectThreshold = 0.1;
    private DriftMethod binnedEffect = DriftMethod.JENSEN_SHANNON;
    private double binnedEffectThreshold = 0.1;
    private double shareThreshold = 0.5;
    private double smoothing = 0.5;
    private int minSampleSize = 30;
    private double maxMissingShare = 0.2;
    private int discreteMaxValues = 5;
    private BinningOptions binning = BinningOptions.defaults();

    private Builder() {}

    /**
     * Sets the significance level compared with adjusted p-values (default 0.05).
     *
     * @param value in (0, 1)
     * @return this builder
     * @throws InvalidInputException if out of range
     */
    public Builder alpha(double value) {
      this.alpha = open01(value, "alpha");
      return this;
    }

    /**
     * Sets the multiple-testing correction across columns (default Benjamini-Hochberg).
     *
     * @param value the correction
     * @return this builder
     */
    public Builder correction(MultipleTesting value) {
      this.correction = Objects.requireNonNull(value, "correction");
      return this;
    }

    /**
     * Sets the test for numeric columns on raw values (default Kolmogorov-Smirnov).
     *
     * @param value one of {@code KOLMOGOROV_SMIRNOV}, {@code ANDERSON_DARLING}, {@code CRAMER_VON_MISES},
     *     {@code MANN_WHITNEY}, {@code T_TEST_WELCH}
     * @return this builder
     * @throws InvalidInputException for another method
     */
    public Builder numericTest(DriftMethod value) {
      Objects.requireNonNull(value, "numericTest");
      if (!Set.of(DriftMethod.KOLMOGOROV_SMIRNOV, DriftMethod.ANDERSON_DARLING, DriftMethod.CRAMER_VON_MISES,
          DriftMethod.MANN_WHITNEY, DriftMethod.T_TEST_WELCH).contains(value)) {
        throw new InvalidInputException(value + " is not a two-sample test for numeric columns");
      }
      this.numericTest = value;
      return this;
    }

    /**
     * Sets the threshold of the numeric effect size, Wasserstein / reference standard deviation
     * (default 0.1).
     *
     * @param value non-negative
     * @return this builder
     * @throws InvalidInputException if negative or not finite
     */
    public Builder numericEffectThreshold(double value) {
      this.numericEffectThreshold = nonNegative(value, "numericEffectThreshold");
      return this;
    }

    /**
     * Sets the effect size on bins and its threshold (default Jensen-Shannon distance base 2, 0.1).
     *
     * @param measure one of {@code JENSEN_SHANNON}, {@code PSI}, {@code HELLINGER}, {@code L_INFINITY},
     *     {@code KL_DIVERGENCE}
     * @param threshold non-negative
     * @return this builder
     * @throws InvalidInputException for another measure or a bad threshold
     */
    public Builder binnedEffect(DriftMethod measure, double threshold) {
      Objects.requireNonNull(measure, "measure");
      if (!Set.of(DriftMethod.JENSEN_SHANNON, DriftMethod.PSI, DriftMethod.HELLINGER, DriftMethod.L_INFINITY,
          DriftMethod.KL_DIVERGENCE).contains(measure)) {
        throw new InvalidInputException(measure + " is not a histogram distance");
      }
      this.binnedEffect = measure;
      this.binnedEffectThreshold = nonNegative(threshold, "threshold");
      return this;
    }

    /**
     * Sets the share of drifted columns at which the dataset drifts (default 0.5).
     *
     * @param value in (0, 1]
     * @return this builder
     * @throws InvalidInputException if out of range
     */
    public Builder shareThreshold(double value) {
      if (!(value > 0.0 && value <= 1.0)) {
        throw new InvalidInputException("shareThreshold must be in (0, 1], got " + value);
      }
      this.shareThreshold = value;
      return this;
    }

    /**
     * Sets the pseudo-count added to both sides of each used bin for effect sizes (default 0.5).
     *
     * @param value non-negative (0 disables smoothing; PSI and KL may then be infinite)
     * @return this builder
     * @throws InvalidInputException if negative or not finite
     */
    public Builder smoothing(double value) {
      this.smoothing = nonNegative(value, "smoothing");
      return this;
    }

    /**
     * Sets the sample size below which a column result warns (default 30).
     *
     * @param value non-negative
     * @return this builder
     * @throws InvalidInputException if negative
     */
    public Builder minSampleSize(int value) {
      if (value < 0) {
        throw new InvalidInputException("minSampleSize must be non-negative, got " + value);
      }
      this.minSampleSize = value;
      return this;
    }

    /**
     * Sets the missing share above which a column result warns (default 0.2).
     *
     * @param value in [0, 1]
     * @return this builder
     * @throws InvalidInputException if out of range
     */
    public Builder maxMissingShare(double value) {
      if (!(value >= 0.0 && value <= 1.0)) {
        throw new InvalidInputException("maxMissingShare must be in [0, 1], got " + value);
      }
      this.maxMissingShare = value;
      return this;
    }

    /**
     * Sets the number of distinct reference values at or below which a numeric column (flags, codes,
     * counts) is compared as categories (default 5; 0 never does).
     *
     * @param value non-negative
     * @return this builder
     * @throws InvalidInputException if negative
     */
    public Builder discreteMaxValues(int value) {
      if (value < 0) {
        throw new InvalidInputException("discreteMaxValues must be non-negative, got " + value);
      }
      this.discreteMaxValues = value;
      return this;
    }

    /**
     * Sets how bins are fitted on reference tables (default 10 quantile bins, 100 categories).
     *
     * @param value the options
     * @return this builder
     */
    public Builder binning(BinningOptions value) {
      this.binning = Objects.requireNonNull(value, "binning");
      return this;
    }

    /**
     * Builds the detector.
     *
     * @return an immutable, thread-safe detector
     */
    public DriftDetector build() {
      return new DriftDetector(this);
    }

    private static double open01(double v, String name) {
      if (!(v > 0.0 && v < 1.0)) {
        throw new InvalidInputException(name + " must be in (0, 1), got " + v);
      }
      return v;
    }

    private static double nonNegative(double v, String name) {
      if (!(v >= 0.0) || Double.isInfinite(v)) {
        throw new InvalidInputException(name + " must be finite and non-negative, got " + v);
      }
      return v;
    }
  }
}
