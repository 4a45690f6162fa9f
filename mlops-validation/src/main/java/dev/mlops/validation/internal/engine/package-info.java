/** Implementation of the validation module (engine); no compatibility promise. */
@NullMarked
package dev.mlops.validation.internal.engine;

import org.jspecify.annotations.NullMarked;
