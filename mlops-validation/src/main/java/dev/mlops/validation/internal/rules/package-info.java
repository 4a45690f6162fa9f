/** Implementation of the validation module (rules); no compatibility promise. */
@NullMarked
package dev.mlops.validation.internal.rules;

import org.jspecify.annotations.NullMarked;
