/** JMH benchmarks of artifact publishing against plain hashing of the same bytes. */
@NullMarked
package dev.mlops.benchmarks.artifact;

import org.jspecify.annotations.NullMarked;
