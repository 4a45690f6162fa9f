/**
 * Integrity checks of a whole store: {@link dev.mlops.core.MlopsStore#verify(boolean)} reads every record,
 * series and blob, reports each damaged item in an {@link dev.mlops.core.integrity.IntegrityReport} and
 * repairs what can be derived from other data.
 */
@NullMarked
package dev.mlops.core.integrity;

import org.jspecify.annotations.NullMarked;
