/**
 * JMH benchmarks of data drift: the two-sample Kolmogorov-Smirnov test on a million values per side, the
 * per-value cost of a window profile update, and Fisher's exact test on a small and a huge table.
 */
@NullMarked
package dev.mlops.benchmarks.drift;

import org.jspecify.annotations.NullMarked;
