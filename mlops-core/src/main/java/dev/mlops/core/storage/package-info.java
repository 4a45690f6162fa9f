/**
 * Explicit construction of the built-in storage backends: {@link dev.mlops.core.storage.FileStorage} (the
 * embedded default) and {@link dev.mlops.core.storage.InMemoryStorage}.
 */
@NullMarked
package dev.mlops.core.storage;

import org.jspecify.annotations.NullMarked;
