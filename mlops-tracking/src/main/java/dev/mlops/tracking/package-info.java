/**
 * Experiment tracking on the storage SPI: experiments, runs, params, metrics and tags, logged
 * asynchronously and durably, searched with MLflow's filter grammar (plus OR, NOT and parentheses).
 *
 * <p>The entry point is {@link dev.mlops.tracking.Tracker#on(dev.mlops.core.MlopsStore)}.
 */
@NullMarked
package dev.mlops.tracking;

import org.jspecify.annotations.NullMarked;
