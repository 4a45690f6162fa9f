package dev.mlops.benchmarks.jdbc;

import dev.mlops.testservers.PostgresServer;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Store URIs for the three backends a benchmark compares. The PostgreSQL server is started once per
 * benchmark JVM, durable (fsync and synchronous commit on), and stopped when the JVM exits.
 */
public final class BenchStores {
  private static final AtomicInteger SCHEMAS = new AtomicInteger();
  private static PostgresServer server;

  private BenchStores() {}

  /**
   * A URI for a fresh, empty store of a backend.
   *
   * @param kind {@code file}, {@code sqlite} or {@code postgresql}
   * @param scratch an empty scratch directory the file and SQLite stores may use
   * @return the URI
   */
  public static String fresh(String kind, Path scratch) {
    return switch (kind) {
      case "file" -> "file:" + scratch.resolve("store");
      case "sqlite" -> "sqlite:" + scratch.resolve("store.db");
      case "postgresql" -> postgres().uri("bench" + SCHEMAS.incrementAndGet(), "&poolSize=12");
      default -> throw new IllegalArgumentException("unknown store kind " + kind);
    };
  }

  private static synchronized PostgresServer postgres() {
    if (server == null) {
      server = PostgresServer.start(true);
      PostgresServer started = server;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "stop-bench-postgresql"));
    }
    return server;
  }
}
