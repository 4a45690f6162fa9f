/**
 * JMH benchmarks of the storage backends: blob put and verified read against plain SHA-256 of the same
 * bytes, and durable compare-and-set throughput.
 */
@NullMarked
package dev.mlops.benchmarks.storage;

import org.jspecify.annotations.NullMarked;
