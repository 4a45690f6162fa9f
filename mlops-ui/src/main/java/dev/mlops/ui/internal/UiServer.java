package dev.mlops.ui.internal;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mlops.core.InvalidInputException;
import dev.mlops.core.MlopsException;
import dev.mlops.core.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UI's HTTP server: pages, static assets and the JSON API, all read-only. Every response carries a Content
 * Security Policy that allows scripts and styles from this origin only; a server bound to the loopback
 * interface accepts only loopback {@code Host} headers (against DNS rebinding), and one with a token accepts a
 * request only with that token (bearer header, cookie, or once in the query, which sets the cookie).
 *
 * <p>Thread-safe. It owns a small pool of daemon threads, named {@code mlops-ui-N}, stopped by {@link #stop()}.
 */
public final class UiServer {
  private static final Logger LOG = LoggerFactory.getLogger(UiServer.class);
  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
  private static final String COOKIE = "mlops_ui_token";
  /**
   * The JDK server's switch for {@code TCP_NODELAY} on accepted connections, read once per JVM when its first
   * server is created. Off, a response's headers and body leave as two small segments and the body waits for the
   * client's delayed acknowledgement of the headers: about 40 ms added to every answer.
   */
  static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";
  private static final Map<String, String> PAGES = Map.of(
      "/", "experiments",
      "/experiment", "runs",
      "/run", "run",
      "/compare", "compare",
      "/leaderboard", "leaderboard",
      "/artifacts", "artifacts",
      "/artifact", "artifact",
      "/version", "version",
      "/report", "report");

  private final HttpServer server;
  private final ExecutorService pool;
  private final ApiRoutes api;
  private final @Nullable String token;
  private final boolean loopback;

  private UiServer(HttpServer server, ExecutorService pool, ApiRoutes api, @Nullable String token,
      boolean loopback) {
    this.server = server;
    this.pool = pool;
    this.api = api;
    this.token = token;
    this.loopback = loopback;
  }

  /**
   * Binds and starts a server. Unless the JVM's {@code sun.net.httpserver.nodelay} property is already set, it
   * is set to {@code true} first, so answers are not held back by Nagle's algorithm; the JDK reads it when its
   * first server is created, so a host that created one earlier passes {@code -Dsun.net.httpserver.nodelay=true}.
   *
   * @param address the address and port to bind (port 0 picks a free one)
   * @param runs the views of runs
   * @param artifacts the views of artifacts
   * @param token the token every request must carry, or null for none
   * @return the running server
   * @throws IOException if the address cannot be bound
   */
  public static UiServer start(InetSocketAddress address, RunViews runs, ArtifactViews artifacts, @Nullable String token)
      throws IOException {
    if (System.getProperty(NO_DELAY_PROPERTY) == null) {
      System.setProperty(NO_DELAY_PROPERTY, "true");
    }
    HttpServer server = HttpServer.create(address, 64);
    AtomicInteger n = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "mlops-ui-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    UiServer ui = new UiServer(server, pool, new ApiRoutes(runs, artifacts), token, address.getAddress().isLoopbackAddress());
    server.createContext("/", ui::handle);
    server.setExecutor(pool);
    server.start();
    return ui;
  }

  /**
   * Sends this server one request, {@code GET /api/experiments}, through its own address (loopback when it
   * listens on every interface), with its token, so the request path (the HTTP exchange, the checks, the
   * JSON) has been loaded and run once before the first person asks. A failure is logged and ignored.
   *
   * @return whether the server answered 200
   */
  public boolean warmUp() {
    InetAddress bound = server.getAddress().getAddress();
    InetAddress target = bound.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : bound;
    String ip = target.getHostAddress();
    // the loopback check knows IPv6 loopback by its short form only
    String host = !ip.contains(":") ? ip : target.isLoopbackAddress() ? "[::1]" : "[" + ip + "]";
    try {
      HttpURLConnection c = (HttpURLConnection) URI.create("http://" + host + ":" + port() + "/api/experiments")
          .toURL().openConnection(Proxy.NO_PROXY);
      c.setConnectTimeout(5_000);
      c.setReadTimeout(30_000);
      if (token != null) {
        c.setRequestProperty("Authorization", "Bearer " + token);
      }
      try (InputStream in = c.getInputStream()) {
        in.readAllBytes();
        return c.getResponseCode() == 200;
      } finally {
        c.disconnect();
      }
    } catch (IOException | RuntimeException e) {
      LOG.info("the UI's warm-up request to itself failed: {}", e.toString());
      return false;
    }
  }

  /** @return the bound port */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops serving and ends the server's threads. */
  public void stop() {
    server.stop(0);
    pool.shutdownNow();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      Headers h = ex.getResponseHeaders();
      h.set("Content-Security-Policy", CSP);
      h.set("X-Content-Type-Options", "nosniff");
      h.set("Referrer-Policy", "no-referrer");
      h.set("X-Frame-Options", "DENY");
      h.set("Cache-Control", "no-store");
      String method = ex.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        h.set("Allow", "GET, HEAD");
        error(ex, 405, "the UI is read-only: " + method + " is not allowed");
        return;
      }
      if (loopback && !loopbackHost(ex.getRequestHeaders().getFirst("Host"))) {
        error(ex, 403, "this server answers only to 127.0.0.1, localhost or [::1]");
        return;
      }
      URI uri = ex.getRequestURI();
      String path = uri.getPath();
      Map<String, List<String>> query = query(uri.getRawQuery());
      if (token != null && !authorized(ex, path, query, uri)) {
        return;
      }
      if (path.startsWith("/api/")) {
        api.handle(ex, path.substring("/api/".length()), query);
      } else if (path.startsWith("/static/")) {
        asset(ex, path.substring("/static/".length()));
      } else if (PAGES.containsKey(path)) {
        String page = PAGES.get(path);
        byte[] html = WebAssets.text("page.html").replace("{{page}}", page).getBytes(StandardCharsets.UTF_8);
        send(ex, 200, "text/html; charset=utf-8", html);
      } else {
        error(ex, 404, "no page " + path);
      }
    } catch (RuntimeException e) {
      LOG.warn("UI request {} failed", ex.getRequestURI(), e);
      try {
        error(ex, 500, "internal error: " + e.getClass().getSimpleName());
      } catch (IOException | RuntimeException ignored) {
        // the response was already under way
      }
    }
  }

  private static boolean loopbackHost(@Nullable String host) {
    if (host == null) {
      return false;
    }
    String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1)
        : host.contains(":") ? host.substring(0, host.lastIndexOf(':')) : host;
    return Set.of("127.0.0.1", "localhost", "[::1]").contains(name.toLowerCase(java.util.Locale.ROOT));
  }

  private boolean authorized(HttpExchange ex, String path, Map<String, List<String>> query, URI uri)
      throws IOException {
    String given = null;
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    if (auth != null && auth.startsWith("Bearer ")) {
      given = auth.substring("Bearer ".length()).trim();
    }
    String cookies = ex.getRequestHeaders().getFirst("Cookie");
    if (given == null && cookies != null) {
      for (String c : cookies.split(";")) {
        String[] kv = c.trim().split("=", 2);
        if (kv.length == 2 && kv[0].equals(COOKIE)) {
          given = kv[1];
        }
      }
    }
    List<String> inQuery = query.get("token");
    if (inQuery != null && matches(inQuery.get(0))) {
      // a link with the token: remember it in a cookie and drop it from the address bar
      Headers h = ex.getResponseHeaders();
      h.add("Set-Cookie", COOKIE + "=" + inQuery.get(0) + "; Path=/; HttpOnly; SameSite=Strict");
      h.set("Location", path + withoutToken(uri.getRawQuery()));
      send(ex, 303, "text/plain; charset=utf-8", new byte[0]);
      return false;
    }
    if (given != null && matches(given)) {
      return true;
    }
    error(ex, 401, "this UI needs its token: open the address it printed when it started");
    return false;
  }

  private boolean matches(String given) {
    return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
        java.util.Objects.requireNonNull(token).getBytes(StandardCharsets.UTF_8));
  }

  private static String withoutToken(String rawQuery) {
    List<String> kept = new ArrayList<>();
    for (String part : rawQuery.split("&")) {
      if (!part.startsWith("token=")) {
        kept.add(part);
      }
    }
    return kept.isEmpty() ? "" : "?" + String.join("&", kept);
  }

  private static void asset(HttpExchange ex, String name) throws IOException {
    byte[] b = WebAssets.bytes(name);
    if (b == null) {
      error(ex, 404, "no asset " + name);
      return;
    }
    ex.getResponseHeaders().set("Cache-Control", "max-age=300");
    send(ex, 200, WebAssets.contentType(name), b);
  }

  static Map<String, List<String>> query(@Nullable String raw) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String part : raw.split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      String k = decode(eq < 0 ? part : part.substring(0, eq));
      String v = eq < 0 ? "" : decode(part.substring(eq + 1));
      out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return out;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("malformed query parameter '" + s + "'");
    }
  }

  static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  static void stream(HttpExchange ex, String type, String fileName, InputStream in) throws IOException {
    try (in) {
      Headers h = ex.getResponseHeaders();
      h.set("Content-Type", type);
      h.set("Content-Disposition", "attachment; filename=\"" + fileName.replaceAll("[^\\w.\\-]", "_") + "\"");
      ex.sendResponseHeaders(200, 0);
      try (OutputStream out = ex.getResponseBody()) {
        in.transferTo(out);
      }
    }
  }

  static void error(HttpExchange ex, int status, String message) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status);
    body.put("error", message);
    send(ex, status, "application/json; charset=utf-8", Json.write(body));
  }

  static int statusOf(MlopsException e) {
    if (e instanceof NotFoundException) {
      return 404;
    }
    return e instanceof InvalidInputException ? 400 : 500;
  }
}
