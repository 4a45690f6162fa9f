package dev.mlops.validation.model;

/**
 * The rates of one group of a sensitive column at a decision threshold.
 *
 * @param group the group's value ({@code "null"} for a null)
 * @param rows the number of rows
 * @param selectionRate the (weighted) fraction predicted positive
 * @param truePositiveRate recall among the group's positives; 0 when it has none (fairlearn's convention)
 * @param falsePositiveRate the fraction of the group's negatives predicted positive; 0 when it has none
 */
public record GroupRates(String group, int rows, double selectionRate, double truePositiveRate,
    double falsePositiveRate) {}
