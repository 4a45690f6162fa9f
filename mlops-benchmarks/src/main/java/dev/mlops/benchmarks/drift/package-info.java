/**
 * JMH benchmarks of data drift: the two-sample Kolmogorov-Smirnov test on a million values per side, and
 * the per-value cost of a window profile update.
 */
@NullMarked
package dev.mlops.benchmarks.drift;

import org.jspecify.annotations.NullMarked;
