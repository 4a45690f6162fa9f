/** The store verification behind {@code MlopsStore.verify}. */
@NullMarked
package dev.mlops.core.internal.integrity;

import org.jspecify.annotations.NullMarked;
