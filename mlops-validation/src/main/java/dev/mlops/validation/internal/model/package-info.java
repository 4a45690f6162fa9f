/**
 * Implementation of model evaluation: radix sorts of scores, grouped score tables, compensated sums, the
 * fast DeLong kernel and the JSON codec of gates. No compatibility promise; use
 * {@code dev.mlops.validation.model}.
 */
@NullMarked
package dev.mlops.validation.internal.model;

import org.jspecify.annotations.NullMarked;
