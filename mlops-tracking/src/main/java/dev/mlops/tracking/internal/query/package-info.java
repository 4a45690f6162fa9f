/**
 * The filter and order-by grammar, its evaluation and page tokens; no compatibility promise.
 */
@NullMarked
package dev.mlops.tracking.internal.query;

import org.jspecify.annotations.NullMarked;
