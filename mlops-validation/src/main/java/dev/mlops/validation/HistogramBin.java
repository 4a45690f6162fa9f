package dev.mlops.validation;

/**
 * One bin of an approximate histogram from a {@link ColumnProfile}.
 *
 * @param low the lower edge (inclusive)
 * @param high the upper edge (exclusive, inclusive for the last bin)
 * @param count the approximate number of values in the bin (from the KLL sketch's CDF)
 */
public record HistogramBin(double low, double high, long count) {}
