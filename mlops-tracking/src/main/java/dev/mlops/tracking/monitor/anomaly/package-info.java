/**
 * Anomaly strategies on a metric's history, after Deequ's: a fixed threshold, absolute and relative
 * change, and an online normal model. Each takes the whole history and reports the anomalous indices.
 */
@NullMarked
package dev.mlops.tracking.monitor.anomaly;

import org.jspecify.annotations.NullMarked;
