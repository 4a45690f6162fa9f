/** JMH benchmarks of the metric-drift detectors and monitors. */
@NullMarked
package dev.mlops.benchmarks.monitor;

import org.jspecify.annotations.NullMarked;
