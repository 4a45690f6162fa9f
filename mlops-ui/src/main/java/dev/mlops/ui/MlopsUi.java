package dev.mlops.ui;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.InvalidInputException;
import dev.mlops.core.MlopsStore;
import dev.mlops.tracking.Tracker;
import dev.mlops.ui.internal.ArtifactViews;
import dev.mlops.ui.internal.RunViews;
import dev.mlops.ui.internal.UiServer;
import dev.mlops.ui.internal.WebAssets;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A running local web UI over a store: experiments, runs, metric charts, comparisons, leaderboards, artifacts
 * with their lineage, and validation and drift reports stored as artifacts. It only reads the store and serves
 * a JSON API under {@code /api/} that its pages use (see {@code docs/ui.md}).
 *
 * <pre>{@code
 * try (MlopsUi ui = MlopsUi.start(store, 0)) {
 *   System.out.println("open " + ui.url());
 *   ...
 * }
 * }</pre>
 *
 * <p>By default it binds to {@code 127.0.0.1} and answers only to loopback host names. Bound to any other
 * address it requires a token (given, or drawn at random): {@link #url()} carries it once, the browser keeps it
 * in a cookie, and scripts may send it as {@code Authorization: Bearer}.
 *
 * <p>Before {@link #start} returns, the UI prepares what the first requests need, so the first person to open
 * a page does not pay for a cold process: on a daemon thread ({@code mlops-ui-preload}) it loads its web
 * assets, reads a synthetic run's charts through the code a chart request runs (from an in-memory store of
 * its own), reads the runs of the three newest experiments (their catalog), writes their first page's JSON,
 * runs an ordered and a filtered search on each and reads its newest run, and sends itself one request. Start waits for that up to 10 seconds, then returns and lets it
 * finish in the background; in a new JVM over a 10,000-run experiment it takes 2.5 to 4.5 s of CPU time, more
 * than half of it in the JIT compiler's and the collector's threads (docs/ui.md). It keeps nothing but the
 * tracker's catalog, which follows the store, so no request sees stale data.
 *
 * <p>Thread-safe. The server runs on its own few daemon threads (named {@code mlops-ui-N}), which
 * {@link #close()} stops; closing the UI does not close the store.
 */
public final class MlopsUi implements AutoCloseable {
  /** How many of the newest experiments a starting UI reads ahead, before anyone asks for their runs. */
  private static final int PRELOADED_EXPERIMENTS = 3;
  /** The page size the runs page asks for first ({@code ui.js}). */
  private static final int PRELOADED_PAGE = 50;
  /** How long {@link Builder#start} waits for the preparation before it returns anyway. */
  private static final int PREPARE_WAIT_SECONDS = 10;
  private volatile boolean closed;
  private final UiServer server;
  private final Tracker tracker;
  private final String host;
  private final @Nullable String token;

  private MlopsUi(UiServer server, Tracker tracker, String host, @Nullable String token) {
    this.server = server;
    this.tracker = tracker;
    this.host = host;
    this.token = token;
  }

  /**
   * Starts a UI on {@code 127.0.0.1}.
   *
   * @param store the store to show
   * @param port the port, or 0 for a free one
   * @return the running UI
   * @throws ConfigurationException if the port cannot be bound
   * @throws InvalidInputException if the port is out of range
   */
  public static MlopsUi start(MlopsStore store, int port) {
    return builder(store).port(port).start();
  }

  /**
   * Begins configuring a UI.
   *
   * @param store the store to show
   * @return a builder
   */
  public static Builder builder(MlopsStore store) {
    return new Builder(Objects.requireNonNull(store, "store"));
  }

  /** @return the address to open in a browser, with the token when there is one */
  public URI url() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return URI.create("http://" + h + ":" + port() + "/" + (token == null ? "" : "?token=" + token));
  }

  /** @return the bound port */
  public int port() {
    return server.port();
  }

  /** @return the token requests must carry, if any */
  public Optional<String> token() {
    return Optional.ofNullable(token);
  }

  /** Stops the server and its threads; the store stays open. Idempotent. */
  @Override
  public void close() {
    closed = true;
    server.stop();
    tracker.close();
  }

  @Override
  public String toString() {
    return "MlopsUi[" + (token == null ? url() : "http://" + host + ":" + port() + "/") + "]";
  }

  /** Configures a {@link MlopsUi}. Not thread-safe. */
  public static final class Builder {
    private final MlopsStore store;
    private String bindAddress = "127.0.0.1";
    private int port;
    private @Nullable String token;

    private Builder(MlopsStore store) {
      this.store = store;
    }

    /**
     * Sets the address to bind; any non-loopback address makes the UI require a token.
     *
     * @param address an IP address or host name, such as {@code 0.0.0.0}; default {@code 127.0.0.1}
     * @return this builder
     */
    public Builder bindAddress(String address) {
      this.bindAddress = Objects.requireNonNull(address, "address");
      return this;
    }

    /**
     * Sets the port.
     *
     * @param port 0 to 65535; 0 (the default) picks a free one
     * @return this builder
     * @throws InvalidInputException if out of range
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new InvalidInputException("port must be 0 to 65535, got " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Requires a token even on loopback, or sets the token a non-loopback UI requires (instead of a random one).
     *
     * @param token at least 16 characters of letters, digits, {@code -} or {@code _}
     * @return this builder
     * @throws InvalidInputException if the token is too short or has other characters
     */
    public Builder token(String token) {
      if (!token.matches("[A-Za-z0-9_\\-]{16,256}")) {
        throw new InvalidInputException("a UI token needs 16 to 256 letters, digits, '-' or '_'");
      }
      this.token = token;
      return this;
    }

    /**
     * Binds and starts the UI, and prepares it for the first requests (see {@link MlopsUi}): returns when that
     * is done or after 10 seconds.
     *
     * @return the running UI
     * @throws ConfigurationException if the address cannot be resolved or bound
     */
    public MlopsUi start() {
      InetAddress address;
      try {
        address = InetAddress.getByName(bindAddress);
      } catch (UnknownHostException e) {
        throw new ConfigurationException("cannot resolve the UI's bind address '" + bindAddress + "'", e);
      }
      String chosen = token;
      if (chosen == null && !address.isLoopbackAddress()) {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        chosen = HexFormat.of().formatHex(random);
      }
      Tracker tracker = Tracker.on(store);
      try {
        RunViews views = new RunViews(tracker);
        UiServer server = UiServer.start(new InetSocketAddress(address, port), views,
            new ArtifactViews(store.artifacts()), chosen);
        String host = address.isAnyLocalAddress() ? "localhost" : address.getHostAddress();
        MlopsUi ui = new MlopsUi(server, tracker, host, chosen);
        Thread preload = new Thread(() -> {
          WebAssets.loadAll();
          views.preload(PRELOADED_EXPERIMENTS, PRELOADED_PAGE, () -> ui.closed);
          if (!ui.closed) {
            server.warmUp();
          }
        }, "mlops-ui-preload");
        preload.setDaemon(true);
        preload.start();
        try {
          preload.join(PREPARE_WAIT_SECONDS * 1000L);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt(); // serve unprepared; the preload goes on in the background
        }
        return ui;
      } catch (IOException | RuntimeException e) {
        tracker.close();
        if (e instanceof RuntimeException r) {
          throw r;
        }
        throw new ConfigurationException("cannot bind the UI to " + bindAddress + ":" + port + ": " + e.getMessage(), e);
      }
    }
  }
}
