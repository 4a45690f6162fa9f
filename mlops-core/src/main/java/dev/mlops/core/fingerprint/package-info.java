/**
 * Reproducibility fingerprints: one stable identity for a training setup (code, data, configuration and
 * seeds), with the environment recorded beside it, a JSON form that round-trips, and diffs that say what
 * changed.
 */
@NullMarked
package dev.mlops.core.fingerprint;

import org.jspecify.annotations.NullMarked;
