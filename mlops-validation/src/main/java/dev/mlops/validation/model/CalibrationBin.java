package dev.mlops.validation.model;

/**
 * One non-empty bin of a reliability curve.
 *
 * @param lower the bin's lower edge (exclusive, except for the first bin)
 * @param upper the bin's upper edge (inclusive)
 * @param weight the (weighted) number of rows in the bin
 * @param meanPredicted the mean predicted probability in the bin (scikit-learn's {@code prob_pred})
 * @param fractionPositive the fraction of positive rows in the bin (scikit-learn's {@code prob_true})
 */
public record CalibrationBin(double lower, double upper, double weight, double meanPredicted, double fractionPositive) {}
