/** JMH benchmarks of dataset validation: suite runs, CSV reading and single-record validation. */
@NullMarked
package dev.mlops.benchmarks.validation;

import org.jspecify.annotations.NullMarked;
