/**
 * Scratch directories and seeded input files that every benchmark shares, kept on local disk and out of the repo.
 */
@NullMarked
package dev.mlops.benchmarks.scratch;

import org.jspecify.annotations.NullMarked;
