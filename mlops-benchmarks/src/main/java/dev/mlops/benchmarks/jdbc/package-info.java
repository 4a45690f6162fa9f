/**
 * Benchmarks of the database backends (mlops-storage-jdbc), each run beside the file backend in the
 * same JMH run through a {@code store} parameter ({@code file}, {@code sqlite}, {@code postgresql}).
 * PostgreSQL is a real server started by the benchmark JVM from Debian's binaries with its durable
 * defaults (fsync on, synchronous commit), on a loopback port.
 */
@NullMarked
package dev.mlops.benchmarks.jdbc;

import org.jspecify.annotations.NullMarked;
