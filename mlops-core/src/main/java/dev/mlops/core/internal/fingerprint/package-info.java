/**
 * The machinery behind {@code dev.mlops.core.fingerprint}: reading a git working tree, scanning the
 * class path, diffing canonical JSON trees. Internal: no compatibility promise.
 */
@NullMarked
package dev.mlops.core.internal.fingerprint;

import org.jspecify.annotations.NullMarked;
