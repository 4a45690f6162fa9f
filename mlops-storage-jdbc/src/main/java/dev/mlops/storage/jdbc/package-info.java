/**
 * PostgreSQL and SQLite storage backends: {@link dev.mlops.storage.jdbc.PostgresStorageProvider} opens
 * {@code postgresql://} store URIs and {@link dev.mlops.storage.jdbc.SqliteStorageProvider} opens
 * {@code sqlite:} ones. Both keep records, series and blobs in the database, so one URI gives a complete
 * store; both are found through {@link java.util.ServiceLoader} when this jar is on the classpath, so
 * {@code MlopsStore.open("postgresql://db.example.com/mlops?user=alice")} just works.
 */
@NullMarked
package dev.mlops.storage.jdbc;

import org.jspecify.annotations.NullMarked;
