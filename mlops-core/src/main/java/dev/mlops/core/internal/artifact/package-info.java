/**
 * The implementation of artifact versioning on the storage SPI: record layout, version allocation,
 * metadata cache, publishing, materializing, lineage and garbage collection. No compatibility promise.
 */
@NullMarked
package dev.mlops.core.internal.artifact;

import org.jspecify.annotations.NullMarked;
