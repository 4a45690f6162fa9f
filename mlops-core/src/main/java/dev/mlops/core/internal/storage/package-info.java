/** Storage plumbing shared by the backends: provider discovery and stream verification. Internal. */
@NullMarked
package dev.mlops.core.internal.storage;

import org.jspecify.annotations.NullMarked;
