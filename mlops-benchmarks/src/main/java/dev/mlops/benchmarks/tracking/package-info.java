/**
 * JMH benchmarks of experiment tracking: durable metric logging, the caller's cost of one
 * {@code logMetric}, search over 10,000 runs, and opening a store that holds 10,000 runs.
 */
@NullMarked
package dev.mlops.benchmarks.tracking;

import org.jspecify.annotations.NullMarked;
