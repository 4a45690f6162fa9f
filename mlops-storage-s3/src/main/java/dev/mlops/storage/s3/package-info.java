/**
 * Blobs in an S3-compatible object store: the provider of the {@code s3} scheme, paired through
 * {@code MlopsStore.builder().storage(...).blobs("s3://bucket/prefix?...")} with any backend that keeps
 * records and series.
 *
 * <p>Everything but {@link dev.mlops.storage.s3.S3BlobStoreProvider} lives in the {@code internal}
 * package, without a compatibility promise.
 */
@NullMarked
package dev.mlops.storage.s3;

import org.jspecify.annotations.NullMarked;
