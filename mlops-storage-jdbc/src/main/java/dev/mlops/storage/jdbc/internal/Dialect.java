package dev.mlops.storage.jdbc.internal;

/**
 * The databases this module stores in. Both accept the same SQL for every operation (upsert with
 * {@code ON CONFLICT}, {@code RETURNING}); they differ in their schema scripts and connection setup.
 */
public enum Dialect {
  /** PostgreSQL 12 or newer (tested on 15). */
  POSTGRESQL("postgresql", "2"),
  /** SQLite 3.35 or newer, through the xerial driver. */
  SQLITE("sqlite", "1");

  private final String folder;
  private final String latest;

  Dialect(String folder, String latest) {
    this.folder = folder;
    this.latest = latest;
  }

  /**
   * @return the schema version this library writes in this dialect: the version of its last migration
   *     script (PostgreSQL has one more than SQLite, a compression setting SQLite has no counterpart of)
   */
  String latestSchema() {
    return latest;
  }

  /** @return the class-path folder of this dialect's Flyway migrations */
  String migrations() {
    return "classpath:dev/mlops/storage/jdbc/migration/" + folder;
  }
}
