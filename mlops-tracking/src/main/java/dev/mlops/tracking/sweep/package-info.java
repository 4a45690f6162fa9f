/**
 * Hyperparameter sweeps (grid and seeded random search) that run a training function as child runs.
 */
@NullMarked
package dev.mlops.tracking.sweep;

import org.jspecify.annotations.NullMarked;
