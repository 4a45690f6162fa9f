/**
 * Implementation of the drift kernels and profiles: sorted-sample merges, exact null distributions,
 * special functions and JSON codecs. No compatibility promise; use {@code dev.mlops.validation.drift}.
 */
@NullMarked
package dev.mlops.validation.internal.drift;

import org.jspecify.annotations.NullMarked;
