/**
 * Implementations of the change detectors behind {@link dev.mlops.tracking.monitor.ChangeDetector}, their
 * JSON state codec, and the CPython-compatible random generator KSWIN samples with. No compatibility
 * promise.
 */
@NullMarked
package dev.mlops.tracking.internal.monitor;

import org.jspecify.annotations.NullMarked;
