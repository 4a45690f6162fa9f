/** Implementation of the validation module (profile); no compatibility promise. */
@NullMarked
package dev.mlops.validation.internal.profile;

import org.jspecify.annotations.NullMarked;
