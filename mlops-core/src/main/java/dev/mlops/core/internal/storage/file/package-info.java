/** The embedded file storage backend ({@code file:}), the default. Internal: no compatibility promise. */
@NullMarked
package dev.mlops.core.internal.storage.file;

import org.jspecify.annotations.NullMarked;
