package dev.mlops.storage.jdbc.internal;

/**
 * The databases this module stores in. Both accept the same SQL for every operation (upsert with
 * {@code ON CONFLICT}, {@code RETURNING}); they differ in their schema scripts and connection setup.
 */
public enum Dialect {
  /** PostgreSQL 12 or newer (tested on 15). */
  POSTGRESQL("postgresql"),
  /** SQLite 3.35 or newer, through the xerial driver. */
  SQLITE("sqlite");

  private final String folder;

  Dialect(String folder) {
    this.folder = folder;
  }

  /** @return the class-path folder of this dialect's Flyway migrations */
  String migrations() {
    return "classpath:dev/mlops/storage/jdbc/migration/" + folder;
  }
}
