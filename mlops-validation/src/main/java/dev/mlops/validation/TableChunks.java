package dev.mlops.validation;

import java.util.Iterator;

/**
 * An iterator over consecutive chunks of a file read as {@link Table}s, for files larger than memory.
 *
 * <p>Every chunk has the same column names and types: the schema is fixed by the declared types and, for the
 * rest, inferred from the first chunk; a later value that does not fit that schema fails with an
 * {@link dev.mlops.core.InvalidInputException} naming its line and column (declare the type to avoid it).
 * {@link #next()} throws {@link dev.mlops.core.InvalidInputException} for malformed input and
 * {@link dev.mlops.core.StorageException} for I/O failures. Not thread-safe; close it to release the file.
 */
public interface TableChunks extends Iterator<Table>, AutoCloseable {
  /** Closes the underlying file; never throws. */
  @Override
  void close();
}
