/**
 * Implementation of the validation module (column storage seen by the rules, without copies); no compatibility
 * promise.
 */
@NullMarked
package dev.mlops.validation.internal.column;

import org.jspecify.annotations.NullMarked;
