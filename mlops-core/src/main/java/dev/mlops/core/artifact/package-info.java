/**
 * Artifact versioning: datasets, models and any file or directory stored by content, with numbered
 * versions, aliases, lineage, integrity checks, soft delete and garbage collection.
 *
 * <p>The entry point is {@link dev.mlops.core.artifact.Artifacts}, obtained from
 * {@link dev.mlops.core.MlopsStore#artifacts()}.
 */
@NullMarked
package dev.mlops.core.artifact;

import org.jspecify.annotations.NullMarked;
