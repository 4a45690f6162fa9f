/**
 * Data drift between a reference and a current sample: statistical kernels that match scipy
 * ({@link dev.mlops.validation.drift.DriftStatistics}), fitted binning, column and dataset drift detectors,
 * and reference and window profiles that are compared without keeping raw rows.
 */
@NullMarked
package dev.mlops.validation.drift;

import org.jspecify.annotations.NullMarked;
