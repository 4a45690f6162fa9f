/**
 * Micrometer {@link io.micrometer.core.instrument.binder.MeterBinder}s that put mlops' serving-time signals on a
 * server's dashboards and alerts: {@link dev.mlops.micrometer.MetricMonitorMetrics} (a watched metric's value,
 * state and events), {@link dev.mlops.micrometer.WindowDriftMetrics} (a serving window compared with its
 * training reference), {@link dev.mlops.micrometer.RowValidatorMetrics} (records checked, rejected and
 * violations per rule) and {@link dev.mlops.micrometer.ModelAgeMetrics} (how long ago the served model was
 * published).
 *
 * <p>Meter names are dot-separated and lower-case under {@code mlops.}; tags carry only bounded values (a
 * monitor's metric name, a window's name, a column or rule of a fixed schema, an event kind, a model name),
 * never a raw data value. Every binder is thread-safe and reads its source when the registry is scraped.
 */
@NullMarked
package dev.mlops.micrometer;

import org.jspecify.annotations.NullMarked;
