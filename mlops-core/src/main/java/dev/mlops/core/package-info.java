/**
 * The store facade ({@link dev.mlops.core.MlopsStore}) and the exception hierarchy rooted at
 * {@link dev.mlops.core.MlopsException}.
 */
@NullMarked
package dev.mlops.core;

import org.jspecify.annotations.NullMarked;
