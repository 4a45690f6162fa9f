/**
 * Dataset validation: columnar {@link dev.mlops.validation.Table}s and their CSV/JSON readers, rules grouped
 * into {@link dev.mlops.validation.Check}s and {@link dev.mlops.validation.ValidationSuite}s run in one pass,
 * {@link dev.mlops.validation.ValidationResult}s, row-level results, and {@link dev.mlops.validation.Profile}s
 * with rule suggestion.
 */
@NullMarked
package dev.mlops.validation;

import org.jspecify.annotations.NullMarked;
