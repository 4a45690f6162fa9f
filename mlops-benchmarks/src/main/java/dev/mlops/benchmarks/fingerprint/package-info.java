/** JMH benchmarks of fingerprinting: data directory hashing against plain SHA-256, and the stat cache. */
@NullMarked
package dev.mlops.benchmarks.fingerprint;

import org.jspecify.annotations.NullMarked;
