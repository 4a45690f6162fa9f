/** Implementation of the validation module (json); no compatibility promise. */
@NullMarked
package dev.mlops.validation.internal.json;

import org.jspecify.annotations.NullMarked;
