package dev.mlops.validation.model;

import java.util.List;

/**
 * Calibration of predicted probabilities over equal-width bins of [0, 1]: the reliability curve as
 * scikit-learn's {@code calibration_curve(strategy="uniform")} computes it (empty bins left out, a
 * probability on an edge belongs to the lower bin) and the expected calibration error
 * {@code sum(weight_b / total * |fractionPositive_b - meanPredicted_b|)}.
 *
 * @param bins the number of bins asked for
 * @param expectedCalibrationError the expected calibration error
 * @param maximumCalibrationError the largest {@code |fractionPositive_b - meanPredicted_b|} over non-empty bins
 * @param curve the non-empty bins in increasing order
 */
public record Calibration(int bins, double expectedCalibrationError, double maximumCalibrationError,
    List<CalibrationBin> curve) {
  /**
   * Copies the curve.
   *
   * @param bins the number of bins asked for
   * @param expectedCalibrationError the expected calibration error
   * @param maximumCalibrationError the largest {@code |fractionPositive_b - meanPredicted_b|} over non-empty bins
   * @param curve the non-empty bins in increasing order
   */
  public Calibration {
    curve = List.copyOf(curve);
  }
}
