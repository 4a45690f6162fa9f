/**
 * JMH benchmarks of model evaluation: ROC AUC and average precision on ten million rows, a bootstrap of
 * ROC AUC and DeLong's test, with a sort of the same scores as the in-run baseline.
 */
@NullMarked
package dev.mlops.benchmarks.model;

import org.jspecify.annotations.NullMarked;
