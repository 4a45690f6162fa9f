/**
 * Reads a caller's bytecode to tell whether it closes a resource on its exceptional path (the handler of a
 * try-with-resources or a {@code finally} block); no compatibility promise.
 */
@NullMarked
package dev.mlops.tracking.internal.callsite;

import org.jspecify.annotations.NullMarked;
