/**
 * The storage SPI: what a backend implements to hold this library's data.
 *
 * <p>Three kinds of data with different needs: immutable blobs addressed by SHA-256
 * ({@link dev.mlops.core.spi.BlobStore}), small records with atomic create and compare-and-set
 * ({@link dev.mlops.core.spi.RecordStore}) and append-only series
 * ({@link dev.mlops.core.spi.SeriesStore}). A {@link dev.mlops.core.spi.StorageProvider} opens all three
 * for a URI scheme; {@link dev.mlops.core.spi.Storage#compose} mixes stores of different backends.
 * Every backend proves itself by passing the storage compatibility kit in mlops-core's test-jar.
 */
@NullMarked
package dev.mlops.core.spi;

import org.jspecify.annotations.NullMarked;
