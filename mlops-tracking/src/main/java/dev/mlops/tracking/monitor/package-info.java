/**
 * Metric drift: streaming change detectors ({@link dev.mlops.tracking.monitor.ChangeDetector}) with
 * River's semantics and defaults, and {@link dev.mlops.tracking.monitor.MetricMonitor}, which ties a
 * detector to a named metric, notifies listeners with hysteresis and survives restarts through JSON.
 */
@NullMarked
package dev.mlops.tracking.monitor;

import org.jspecify.annotations.NullMarked;
