/**
 * Benchmarks that time an operation and its baseline back to back in one invocation, so a drifting
 * machine affects both alike.
 */
@NullMarked
package dev.mlops.benchmarks.pairing;

import org.jspecify.annotations.NullMarked;
