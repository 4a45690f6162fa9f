package dev.mlops.validation.drift;

import java.util.List;

/**
 * The drift verdict for one column, with everything needed to understand it.
 *
 * <p>A column has drifted when its (multiple-testing adjusted) p-value is below alpha <em>and</em> its
 * effect size reaches the threshold: the p-value guards small samples against noise, the effect size
 * guards large samples against trivial shifts. Immutable and thread-safe.
 *
 * @param column the column name
 * @param kind numeric or categorical
 * @param test the hypothesis test used
 * @param pValueMethod how its p-value was obtained
 * @param statistic the test statistic
 * @param pValue the raw p-value
 * @param adjustedPValue the p-value after the dataset's multiple-testing correction
 * @param alpha the significance level the adjusted p-value is compared with
 * @param effectMeasure the effect size measure
 * @param effectSize the effect size
 * @param effectThreshold the effect size at or above which a significant change counts as drift
 * @param drifted the verdict
 * @param referenceCount non-missing reference values
 * @param currentCount non-missing current values
 * @param referenceMissing missing reference values (nulls, NaN, infinities)
 * @param currentMissing missing current values
 * @param counts the bins (fitted on the reference) and counts on both sides
 * @param topBin the bin whose share changed most (missing excluded)
 * @param topBinReferenceShare that bin's share of the reference's non-missing values
 * @param topBinCurrentShare that bin's share of the current non-missing values
 * @param explanation one sentence saying why the column drifted or not
 * @param warnings conditions that weaken the verdict (small samples, many nulls, unseen categories)
 */
public record ColumnDrift(
    String column,
    Binning.Kind kind,
    DriftMethod test,
    PValueMethod pValueMethod,
    double statistic,
    double pValue,
    double adjustedPValue,
    double alpha,
    DriftMethod effectMeasure,
    double effectSize,
    double effectThreshold,
    boolean drifted,
    long referenceCount,
    long currentCount,
    long referenceMissing,
    long currentMissing,
    BinnedCounts counts,
    String topBin,
    double topBinReferenceShare,
    double topBinCurrentShare,
    String explanation,
    List<String> warnings) {

  /**
   * Copies the warnings.
   *
   * @param column the column name
   * @param kind numeric or categorical
   * @param test the hypothesis test used
   * @param pValueMethod how its p-value was obtained
   * @param statistic the test statistic
   * @param pValue the raw p-value
   * @param adjustedPValue the p-value after the dataset's multiple-testing correction
   * @param alpha the significance level the adjusted p-value is compared with
   * @param effectMeasure the effect size measure
   * @param effectSize the effect size
   * @param effectThreshold the effect size at or above which a significant change counts as drift
   * @param drifted the verdict
   * @param referenceCount non-missing reference values
   * @param currentCount non-missing current values
   * @param referenceMissing missing reference values (nulls, NaN, infinities)
   * @param currentMissing missing current values
   * @param counts the bins (fitted on the reference) and counts on both sides
   * @param topBin the bin whose share changed most (missing excluded)
   * @param topBinReferenceShare that bin's share of the reference's non-missing values
   * @param topBinCurrentShare that bin's share of the current non-missing values
   * @param explanation one sentence saying why the column drifted or not
   * @param warnings conditions that weaken the verdict (small samples, many nulls, unseen categories)
   */
  public ColumnDrift {
    warnings = List.copyOf(warnings);
  }
}
