package dev.mlops.storage.jdbc.internal;

import com.zaxxer.hikari.HikariConfig;
import dev.mlops.core.ConfigurationException;
import dev.mlops.core.spi.StorageLocation;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.postgresql.PGProperty;

/**
 * Reads a {@code postgresql://host[:port][,host2[:port2]]/database?options} store URI into connection
 * settings, as a PostgreSQL user expects.
 *
 * <p>Options of the store: {@code user} (else {@code PGUSER}, else the operating-system user),
 * {@code password} (else {@code PGPASSWORD}, else the first matching line of {@code PGPASSFILE} or
 * {@code ~/.pgpass}), {@code schema} (default {@code public}), {@code poolSize} (default 8) and
 * {@code timeout} (how long an operation waits for a connection, and for the server to accept one;
 * default 10 s). Every other option must be a PostgreSQL JDBC driver property ({@code sslmode},
 * {@code sslrootcert}, {@code ApplicationName}, {@code socketTimeout}, ...) and is passed through
 * unchanged. Stateless.
 */
public final class PostgresSettings {
  /** The default of option {@code timeout}. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** The default of the driver's {@code socketTimeout}, in seconds: a server that stops answering fails a call. */
  static final String DEFAULT_SOCKET_TIMEOUT = "120";

  private static final Set<String> OWN = Set.of("user", "password", "schema", "poolSize", "timeout");
  private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final Pattern HOSTS = Pattern.compile("[A-Za-z0-9.\\-_:\\[\\],%]+");

  private PostgresSettings() {}

  /**
   * Parses a location with the process's environment and home directory.
   *
   * @param location a {@code postgresql:} location
   * @return the settings
   * @throws ConfigurationException naming what is wrong in the URI (never its password)
   */
  public static ConnectionSettings parse(StorageLocation location) {
    return parse(location, System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /**
   * Parses a location with a given environment and home directory.
   *
   * @param location a {@code postgresql:} location
   * @param env the environment variables to consult ({@code PGUSER}, {@code PGPASSWORD}, {@code PGPASSFILE})
   * @param home the home directory holding {@code .pgpass}
   * @return the settings
   * @throws ConfigurationException naming what is wrong in the URI (never its password)
   */
  public static ConnectionSettings parse(StorageLocation location, Map<String, String> env, Path home) {
    String shown = location.redacted();
    String rest = location.path();
    if (!rest.startsWith("//")) {
      throw new ConfigurationException("PostgreSQL store URI '" + shown
          + "' must look like postgresql://host:port/database?user=...&schema=...");
    }
    int slash = rest.indexOf('/', 2);
    String hosts = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
    String database = slash < 0 ? "" : URLDecoder.decode(rest.substring(slash + 1), StandardCharsets.UTF_8);
    if (hosts.contains("@")) {
      throw new ConfigurationException("PostgreSQL store URI '" + shown + "' puts credentials before the host;"
          + " pass them as options instead: postgresql://host/database?user=...&password=...");
    }
    if (hosts.isEmpty()) {
      hosts = "localhost";
    }
    if (!HOSTS.matcher(hosts).matches()) {
      throw new ConfigurationException("PostgreSQL store URI '" + shown + "' has an invalid host list '" + hosts + "'");
    }
    Map<String, String> options = location.options();
    String user = options.getOrDefault("user", env.getOrDefault("PGUSER", System.getProperty("user.name")));
    if (database.isEmpty()) {
      database = user;
    }
    String schema = options.getOrDefault("schema", "public");
    if (!SCHEMA.matcher(schema).matches()) {
      throw new ConfigurationException("option 'schema' of PostgreSQL store URI '" + shown + "' must be a lower-case"
          + " identifier ([a-z_][a-z0-9_]*, at most 63 characters), got '" + schema + "'");
    }
    Duration timeout = location.durationOption("timeout", DEFAULT_TIMEOUT);
    if (timeout.toMillis() < 250) {
      throw new ConfigurationException("option 'timeout' of PostgreSQL store URI '" + shown + "' must be at least"
          + " 250 ms, got " + timeout);
    }
    int poolSize = intOption(options, "poolSize", 8, shown);

    String password = options.get("password");
    if (password == null) {
      password = env.get("PGPASSWORD");
    }
    if (password == null) {
      String passFile = env.get("PGPASSFILE");
      Path file = passFile != null ? Path.of(passFile) : home.resolve(".pgpass");
      String[] firstHost = firstHost(hosts);
      password = PgPassFile.lookup(file, firstHost[0], firstHost[1], database, user).orElse(null);
    }
    Secret secret = Secret.of(password);

    HikariConfig pool = new HikariConfig();
    pool.setJdbcUrl("jdbc:postgresql://" + hosts + "/" + URLEncoder.encode(database, StandardCharsets.UTF_8));
    pool.setUsername(user);
    if (secret.reveal() != null) {
      pool.setPassword(secret.reveal());
    }
    pool.setPoolName("mlops-postgresql");
    pool.setMaximumPoolSize(poolSize);
    pool.setMinimumIdle(1);
    pool.setConnectionTimeout(timeout.toMillis());
    pool.setValidationTimeout(Math.max(250, Math.min(timeout.toMillis(), 5_000)));
    pool.setInitializationFailTimeout(1);
    pool.setAutoCommit(true);
    Map<String, String> driver = new LinkedHashMap<>();
    driver.put(PGProperty.CURRENT_SCHEMA.getName(), schema);
    driver.put(PGProperty.APPLICATION_NAME.getName(), "mlops");
    driver.put(PGProperty.CONNECT_TIMEOUT.getName(), String.valueOf(Math.max(1, timeout.toSeconds())));
    driver.put(PGProperty.SOCKET_TIMEOUT.getName(), DEFAULT_SOCKET_TIMEOUT);
    driver.put(PGProperty.REWRITE_BATCHED_INSERTS.getName(), "true");
    Set<String> unknown = new TreeSet<>();
    for (Map.Entry<String, String> o : options.entrySet()) {
      if (OWN.contains(o.getKey())) {
        continue;
      }
      if (PGProperty.forName(o.getKey()) == null) {
        unknown.add(o.getKey());
      } else if (o.getKey().equalsIgnoreCase("password") || o.getKey().equalsIgnoreCase("user")) {
        unknown.add(o.getKey());
      } else {
        driver.put(o.getKey(), o.getValue());
      }
    }
    if (!unknown.isEmpty()) {
      throw new ConfigurationException("unknown option(s) " + unknown + " in PostgreSQL store URI '" + shown
          + "'; the store knows " + new TreeSet<>(OWN) + " and passes PostgreSQL JDBC driver properties"
          + " (sslmode, sslrootcert, ApplicationName, socketTimeout, ...) through");
    }
    driver.forEach(pool::addDataSourceProperty);
    String description = "postgresql://" + hosts + "/" + database + "?user=" + user + "&schema=" + schema;
    return new ConnectionSettings(Dialect.POSTGRESQL, pool, description, secret, schema);
  }

  private static int intOption(Map<String, String> options, String name, int defaultValue, String shown) {
    String v = options.get(name);
    if (v == null) {
      return defaultValue;
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= 1 && n <= 1000) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigurationException("option '" + name + "' of store URI '" + shown
        + "' must be a whole number from 1 to 1000, got '" + v + "'");
  }

  /** The host and port (default 5432) of the first entry of a host list, as libpq matches {@code .pgpass}. */
  private static String[] firstHost(String hosts) {
    String first = hosts.split(",", -1)[0];
    if (first.startsWith("[")) {
      int close = first.indexOf(']');
      String host = first.substring(1, Math.max(1, close));
      String port = close >= 0 && first.length() > close + 2 ? first.substring(close + 2) : "5432";
      return new String[] {host, port};
    }
    int colon = first.lastIndexOf(':');
    return colon < 0 ? new String[] {first, "5432"} : new String[] {first.substring(0, colon), first.substring(colon + 1)};
  }
}
