/** Content digests ({@code sha256:<hex>}) used to address blobs and identify artifacts and fingerprints. */
@NullMarked
package dev.mlops.core.hash;

import org.jspecify.annotations.NullMarked;
