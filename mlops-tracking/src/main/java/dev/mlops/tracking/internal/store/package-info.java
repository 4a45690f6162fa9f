/**
 * Storage layout, record bodies and the run catalog behind the tracker; no compatibility promise.
 */
@NullMarked
package dev.mlops.tracking.internal.store;

import org.jspecify.annotations.NullMarked;
