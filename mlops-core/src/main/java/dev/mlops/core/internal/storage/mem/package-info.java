/** The in-memory storage backend ({@code mem:}). Internal: no compatibility promise. */
@NullMarked
package dev.mlops.core.internal.storage.mem;

import org.jspecify.annotations.NullMarked;
