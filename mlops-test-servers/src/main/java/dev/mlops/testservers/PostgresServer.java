package dev.mlops.testservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests and benchmarks: Debian's binaries ({@code /usr/lib/postgresql/<version>/bin},
 * 15 or newer, or {@code MLOPS_PG_BIN}), a fresh cluster in a temporary directory, listening on a free loopback
 * port with password authentication. PostgreSQL refuses to run as root, so under root (as on CI) every
 * server command runs as the unprivileged user {@code nobody} through {@code runuser}.
 *
 * <p>{@link #shared()} starts one server per test JVM and stops it when the JVM exits; fault tests start
 * their own with {@link #start(boolean)}, benchmarks a durable one. If the binaries are missing, starting fails
 * with a message that says how to install them: these tests never skip silently. Thread-safe.
 */
public final class PostgresServer implements AutoCloseable {
  /** The superuser's password: quotes, a colon, URI and SQL metacharacters, to prove it is masked. */
  public static final String PASSWORD = "pw'Zq7:x&y=z\\;--\"é";

  /** The superuser the tests connect as. */
  public static final String USER = "mlops_test";

  private static final AtomicInteger SCHEMAS = new AtomicInteger();
  private static PostgresServer shared;

  private final Path bin;
  private final Path root;
  private final Path data;
  private final int port;
  private final boolean asNobody;
  private final boolean durable;

  /**
   * Settings of a server that need not survive a crash of the machine: the tests crash the server and
   * kill clients, never the operating system, so what PostgreSQL handed to the kernel stays. Commits
   * still wait for their WAL to reach the kernel (synchronous_commit stays on), so a crash of the
   * server itself loses no acknowledged write.
   */
  private static final String FAST = " -c fsync=off -c full_page_writes=off";

  private PostgresServer(Path bin, Path root, int port, boolean asNobody, boolean durable) {
    this.durable = durable;
    this.bin = bin;
    this.root = root;
    this.data = root.resolve("data");
    this.port = port;
    this.asNobody = asNobody;
  }

  /**
   * The server shared by every test of this JVM, started on first use and stopped at exit.
   *
   * @return the running server
   */
  public static synchronized PostgresServer shared() {
    if (shared == null) {
      PostgresServer server = start(false);
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop-test-postgresql"));
      shared = server;
    }
    return shared;
  }

  /**
   * Creates a fresh cluster and starts it; the caller closes it.
   *
   * @param durable true to keep PostgreSQL's crash-safe defaults (benchmarks), false to skip fsync (tests)
   * @return the running server
   * @throws IllegalStateException if PostgreSQL 15 or newer is not installed, or it does not start
   */
  public static PostgresServer start(boolean durable) {
    Path bin = binaries();
    boolean root = "root".equals(System.getProperty("user.name"));
    try {
      Path dir = Files.createTempDirectory(Path.of("/tmp"), "mlops-pg-");
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
      PostgresServer server = new PostgresServer(bin, dir, freePort(), root, durable);
      server.initdb();
      server.startServer();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path binaries() {
    String configured = System.getenv("MLOPS_PG_BIN");
    if (configured != null && Files.isExecutable(Path.of(configured, "initdb"))) {
      return Path.of(configured);
    }
    Path base = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(base)) {
      try (Stream<Path> versions = Files.list(base)) {
        Path best = versions.filter(p -> p.getFileName().toString().matches("\\d+"))
            .filter(p -> Integer.parseInt(p.getFileName().toString()) >= 15)
            .filter(p -> Files.isExecutable(p.resolve("bin/initdb")))
            .max(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString()))).orElse(null);
        if (best != null) {
          return best.resolve("bin");
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new IllegalStateException("the PostgreSQL tests need PostgreSQL 15 or newer: no initdb under "
        + "/usr/lib/postgresql/<version>/bin. Install Debian's package (apt-get install -y postgresql; .ci/run does "
        + "this) or point MLOPS_PG_BIN at a directory holding initdb and pg_ctl.");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private void initdb() throws IOException {
    Path pwfile = root.resolve("pwfile");
    Files.writeString(pwfile, PASSWORD + "\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(pwfile, PosixFilePermissions.fromString("rw-r--r--"));
    Files.createDirectories(data);
    if (asNobody) {
      run(List.of("chown", "-R", "nobody", root.toString()));
    }
    runServerCommand(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
        "--pwfile=" + pwfile, "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C",
        "--no-sync"));
    Files.delete(pwfile);
  }

  private void startServer() {
    runServerCommand(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
        root.resolve("server.log").toString(), "-w", "-t", "60", "-o",
        "-c port=" + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + root
            + " -c max_connections=300 -c shared_buffers=64MB" + (durable ? "" : FAST), "start"));
  }

  /** Starts the server again after {@link #stopImmediately()}, on the same port and data. */
  public void restart() {
    startServer();
  }

  /** Stops the server as a crash would ({@code pg_ctl stop -m immediate}): no checkpoint, clients cut off. */
  public void stopImmediately() {
    runServerCommand(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w",
        "stop"));
  }

  private void runServerCommand(List<String> command) {
    List<String> full = new ArrayList<>();
    if (asNobody) {
      full.addAll(List.of("runuser", "-u", "nobody", "--"));
    }
    full.addAll(command);
    run(full);
  }

  private void run(List<String> command) {
    try {
      Path out = Files.createTempFile(root, "cmd-", ".log");
      Process p = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
          .redirectOutput(out.toFile()).start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("timed out: " + String.join(" ", command));
      }
      if (p.exitValue() != 0) {
        String log = Files.readString(out);
        Path serverLog = root.resolve("server.log");
        if (Files.exists(serverLog)) {
          log += "\n--- server.log ---\n" + Files.readString(serverLog);
        }
        throw new IllegalStateException("failed (exit " + p.exitValue() + "): " + String.join(" ", command)
            + "\n" + log);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** @return the port the server listens on, on 127.0.0.1 */
  public int port() {
    return port;
  }

  /** @return the directory holding the cluster and its log */
  public Path directory() {
    return root;
  }

  /** @return a schema name no other storage of this JVM uses */
  public static String freshSchema() {
    return "t" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
  }

  /**
   * A store URI for a schema of the server's {@code postgres} database, with the password in it.
   *
   * @param schema the schema
   * @param extraOptions more query options, such as {@code "&timeout=PT3S"}, or empty
   * @return the URI
   */
  public String uri(String schema, String extraOptions) {
    return "postgresql://127.0.0.1:" + port + "/postgres?user=" + USER + "&password="
        + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "&schema=" + schema + extraOptions;
  }

  /**
   * Drops a schema and everything in it.
   *
   * @param schema the schema
   */
  public void dropSchema(String schema) {
    execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  }

  /**
   * Runs one SQL statement as the superuser (test set-up only; never with user data).
   *
   * @param sql the statement
   */
  public void execute(String sql) {
    Properties props = new Properties();
    props.setProperty("user", USER);
    props.setProperty("password", PASSWORD);
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", props);
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Stops the server and deletes its directory. Later calls do nothing. */
  @Override
  public synchronized void close() {
    if (!Files.exists(data)) {
      return;
    }
    try {
      runServerCommand(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop"));
    } catch (RuntimeException e) {
      // already stopped
    }
    try (Stream<Path> all = Files.walk(root)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort; the directory is under /tmp
    }
  }
}
