/** Implementation of the validation module (table); no compatibility promise. */
@NullMarked
package dev.mlops.validation.internal.table;

import org.jspecify.annotations.NullMarked;
