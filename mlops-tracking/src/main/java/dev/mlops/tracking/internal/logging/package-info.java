/**
 * The asynchronous, batched writer behind run logging; no compatibility promise.
 */
@NullMarked
package dev.mlops.tracking.internal.logging;

import org.jspecify.annotations.NullMarked;
