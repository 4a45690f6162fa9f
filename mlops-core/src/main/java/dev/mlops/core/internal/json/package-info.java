/**
 * The machinery behind {@code dev.mlops.core.json}: ECMAScript number formatting, the canonical writer
 * and the precision-keeping parser. Internal: no compatibility promise.
 */
@NullMarked
package dev.mlops.core.internal.json;

import org.jspecify.annotations.NullMarked;
