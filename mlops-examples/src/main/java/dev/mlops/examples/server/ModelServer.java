package dev.mlops.examples.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mlops.core.MlopsStore;
import dev.mlops.core.artifact.ArtifactVersion;
import dev.mlops.micrometer.MetricMonitorMetrics;
import dev.mlops.micrometer.ModelAgeMetrics;
import dev.mlops.micrometer.RowValidatorMetrics;
import dev.mlops.micrometer.WindowDriftMetrics;
import dev.mlops.tracking.monitor.ChangeDetector;
import dev.mlops.tracking.monitor.MetricMonitor;
import dev.mlops.validation.Check;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.RowValidator;
import dev.mlops.validation.ValidationSuite;
import dev.mlops.validation.Violation;
import dev.mlops.validation.drift.ColumnDrift;
import dev.mlops.validation.drift.DatasetDrift;
import dev.mlops.validation.drift.DriftDetector;
import dev.mlops.validation.drift.Window;
import dev.mlops.validation.drift.WindowProfile;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The reference model server: serves the penguins classifier behind an artifact alias ({@code
 * penguins-softmax@champion}, published by {@link dev.mlops.examples.TrackingExample}) over HTTP with JSON.
 *
 * <p>Per request to {@code POST /predict} it validates the record against the input rules (422 with the
 * violations when invalid), predicts, counts the features into a serving window that is compared with the
 * training reference stored in the model (training-serving skew), feeds the prediction's confidence to a metric
 * monitor, and counts non-finite outputs. {@code GET /metrics} returns every meter in Prometheus' text format;
 * {@code GET /health} says which version is served. A watcher polls the alias and swaps the model atomically when
 * it moves: a request uses the model it started with, so a swap never fails a request. When a column of the
 * serving window drifts from the reference, the server logs one WARN for that column and model version.
 *
 * <p>With {@link Options#mlops()} off, the server only parses, predicts and answers, which is the baseline the
 * {@link LoadGenerator} compares with.
 *
 * <p>Threads: the HTTP handler pool ({@code model-server-http-N}) and one watcher ({@code model-server-watcher});
 * {@link #close()} stops both. Thread-safe.
 */
public final class ModelServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ModelServer.class);
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final String ISLAND = "Island";

  static {
    // the JDK server writes a response's headers and body separately; without TCP_NODELAY, Nagle's algorithm
    // holds the body until the client's delayed ACK of the headers, adding ~40 ms to every keep-alive request
    // (read once, when the JDK's server configuration is first loaded)
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  /**
   * How a server is started.
   *
   * @param port the TCP port on 127.0.0.1; 0 picks a free one
   * @param model the model's artifact name
   * @param alias the alias to serve and watch
   * @param mlops whether requests are validated and watched (off for the baseline of a load test)
   * @param threads HTTP handler threads
   * @param aliasPoll how often the watcher looks at the alias
   * @param skewCheck how often the serving window is compared with the training reference
   */
  public record Options(int port, String model, String alias, boolean mlops, int threads, Duration aliasPoll,
      Duration skewCheck) {
    /** Checks the values. */
    public Options {
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(alias, "alias");
      if (port < 0 || port > 65535 || threads < 1 || aliasPoll.isNegative() || aliasPoll.isZero()
          || skewCheck.isNegative()) {
        throw new IllegalArgumentException("bad server options: " + port + ", " + threads + " threads, " + aliasPoll
            + ", " + skewCheck);
      }
    }

    /** @return port 0, {@code penguins-softmax@champion}, mlops on, 8 threads, polls every 500 ms, skew every 10 s */
    public static Options defaults() {
      return new Options(0, "penguins-softmax", "champion", true, 8, Duration.ofMillis(500), Duration.ofSeconds(10));
    }

    /**
     * @param value whether the mlops calls run
     * @return a copy with the flag changed
     */
    public Options withMlops(boolean value) {
      return new Options(port, model, alias, value, threads, aliasPoll, skewCheck);
    }

    /**
     * @param value the port
     * @return a copy with the port changed
     */
    public Options withPort(int value) {
      return new Options(value, model, alias, mlops, threads, aliasPoll, skewCheck);
    }

    /**
     * @param poll the alias poll interval
     * @param skew the skew check interval
     * @return a copy with the intervals changed
     */
    public Options withIntervals(Duration poll, Duration skew) {
      return new Options(port, model, alias, mlops, threads, poll, skew);
    }
  }

  /** The model being served with everything that watches it; replaced as a whole on a swap. */
  private record Served(ArtifactVersion version, PenguinsModel model, WindowProfile window, int[] featureColumns,
      int islandColumn, MetricMonitor confidence, WindowDriftMetrics drift, List<Meter> meters,
      Set<String> warnedColumns) {}

  private final MlopsStore store;
  private final Options options;
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicReference<Served> served = new AtomicReference<>();
  private final RowValidator validator;
  private final ThreadLocal<RowValidator.Row> rows;
  private final Counter nonFinite;
  private final Counter predictions;
  private final Counter swaps;
  private final HttpServer http;
  private final ExecutorService handlers;
  private final ScheduledExecutorService watcher;
  /** Guarded by the watcher thread (only it reads or writes). */
  private Instant lastSkewCheck = Instant.EPOCH;

  private ModelServer(MlopsStore store, Options options) throws IOException {
    this.store = store;
    this.options = options;
    Served first = load(resolve());
    served.set(first);
    List<String> features = first.model().features();
    Check inputs = Check.error("inputs").isContainedIn(ISLAND, Set.of("Biscoe", "Dream", "Torgersen"));
    Map<String, ColumnType> schema = new LinkedHashMap<>();
    schema.put(ISLAND, ColumnType.STRING);
    for (String f : features) {
      inputs = inputs.isComplete(f).isPositive(f);
      schema.put(f, ColumnType.DOUBLE);
    }
    validator = ValidationSuite.builder("penguins-requests").addCheck(inputs).build().rowValidator(schema);
    rows = ThreadLocal.withInitial(validator::newRow);
    new RowValidatorMetrics(validator, options.model()).bindTo(registry);
    ModelAgeMetrics age = new ModelAgeMetrics(options.model(), () -> served.get().version(), store.clock(), Tags.empty());
    age.bindTo(registry);
    nonFinite = Counter.builder("mlops.serving.outputs.nonfinite").tag("model", options.model())
        .description("Predictions with a NaN or infinite probability").register(registry);
    predictions = Counter.builder("mlops.serving.predictions").tag("model", options.model())
        .description("Predictions answered").register(registry);
    swaps = Counter.builder("mlops.serving.model.swaps").tag("model", options.model())
        .description("Times the served model was replaced after its alias moved").register(registry);
    bind(first);

    handlers = Executors.newFixedThreadPool(options.threads(), named("model-server-http"));
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", options.port()), 256);
    http.setExecutor(handlers);
    http.createContext("/predict", this::predict);
    http.createContext("/metrics", this::metrics);
    http.createContext("/health", this::health);
    http.start();
    watcher = Executors.newSingleThreadScheduledExecutor(named("model-server-watcher"));
    long poll = options.aliasPoll().toMillis();
    watcher.scheduleWithFixedDelay(this::watch, poll, poll, TimeUnit.MILLISECONDS);
    LOG.info("serving {} at {}", first.version().id(), url());
  }

  /**
   * Starts a server on 127.0.0.1.
   *
   * @param store the store holding the model artifact
   * @param options how to serve
   * @return the running server
   * @throws dev.mlops.core.NotFoundException if the alias does not resolve
   * @throws IOException if the port cannot be bound
   */
  public static ModelServer start(MlopsStore store, Options options) throws IOException {
    return new ModelServer(Objects.requireNonNull(store, "store"), Objects.requireNonNull(options, "options"));
  }

  /** @return the server's base URL, such as {@code http://127.0.0.1:41234/} */
  public URI url() {
    return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/");
  }

  /** @return the version served now */
  public ArtifactVersion servedVersion() {
    return served.get().version();
  }

  /** @return the registry behind {@code /metrics} */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  private ArtifactVersion resolve() {
    return store.artifacts().get(options.model() + "@" + options.alias());
  }

  private Served load(ArtifactVersion version) {
    PenguinsModel model;
    try (InputStream in = store.artifacts().open(version)) {
      model = PenguinsModel.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read model " + version.id(), e);
    }
    WindowProfile window = WindowProfile.of(model.reference(), Window.slidingCount(5_000, 5), store.clock());
    MetricMonitor confidence = MetricMonitor.builder("prediction_confidence")
        .detector(ChangeDetector.pageHinkley()).build();
    WindowDriftMetrics drift = new WindowDriftMetrics(window, DriftDetector.defaults(), options.model(),
        WindowDriftMetrics.DEFAULT_REFRESH, store.clock(), Tags.empty());
    int[] columns = model.features().stream().mapToInt(window::columnIndex).toArray();
    return new Served(version, model, window, columns, window.columnIndex(ISLAND), confidence, drift,
        new java.util.ArrayList<>(), java.util.concurrent.ConcurrentHashMap.newKeySet());
  }

  /** Registers the meters of a served model, remembering them so that a swap can remove them. */
  private void bind(Served s) {
    Set<Meter> before = new HashSet<>(registry.getMeters());
    new MetricMonitorMetrics(s.confidence(), Tags.of("model", options.model())).bindTo(registry);
    s.drift().bindTo(registry);
    for (Meter m : registry.getMeters()) {
      if (!before.contains(m)) {
        s.meters().add(m);
      }
    }
  }

  private void watch() {
    try {
      ArtifactVersion now = resolve();
      Served current = served.get();
      if (now.version() != current.version().version()) {
        Served next = load(now);
        current.meters().forEach(registry::remove);
        bind(next);
        served.set(next);
        swaps.increment();
        LOG.info("alias {}@{} moved: now serving {} (was {})", options.model(), options.alias(), now.id(),
            current.version().id());
      }
      Instant t = store.clock().instant();
      if (options.mlops() && !t.isBefore(lastSkewCheck.plus(options.skewCheck()))) {
        lastSkewCheck = t;
        checkSkew(served.get());
      }
    } catch (RuntimeException e) {
      LOG.warn("watching {}@{} failed; still serving {}: {}", options.model(), options.alias(),
          served.get().version().id(), e.toString());
    }
  }

  private void checkSkew(Served s) {
    DatasetDrift drift = s.drift().refresh();
    for (ColumnDrift c : drift.driftedColumns()) {
      if (s.warnedColumns().add(c.column())) {
        LOG.warn("training-serving skew: column '{}' of {} drifted from the training reference ({}={}, p={},"
            + " effect {}={})", c.column(), s.version().id(), c.test(), c.statistic(), c.adjustedPValue(),
            c.effectMeasure(), c.effectSize());
      }
    }
  }

  /**
   * Compares the serving window with the training reference now, logging each newly drifted column once.
   *
   * @return the comparison
   */
  public DatasetDrift checkSkewNow() {
    Served s = served.get();
    checkSkew(s);
    return s.drift().refresh();
  }

  private void predict(HttpExchange exchange) throws IOException {
    try (exchange) {
      try {
        answerPrediction(exchange);
      } catch (RuntimeException e) {
        // The JDK server would drop the connection without a word; log the cause and answer 500 if still possible.
        LOG.error("predict failed for a request to {}", exchange.getRequestURI(), e);
        if (exchange.getResponseCode() == -1) {
          send(exchange, 500, error("the server failed: " + e));
        }
      }
    }
  }

  private void answerPrediction(HttpExchange exchange) throws IOException {
    if (!"POST".equals(exchange.getRequestMethod())) {
      send(exchange, 405, "{\"error\":\"POST a JSON record\"}");
      return;
    }
    Served s = served.get();
    JsonNode body;
    try (InputStream in = exchange.getRequestBody()) {
      body = JSON.readTree(in);
    } catch (JacksonException e) {
      send(exchange, 400, error("the body is not JSON: " + e.getOriginalMessage()));
      return;
    }
    if (!body.isObject()) {
      send(exchange, 400, error("the body must be a JSON object"));
      return;
    }
    List<String> features = s.model().features();
    double[] x = new double[features.size()];
    for (int j = 0; j < x.length; j++) {
      JsonNode v = body.get(features.get(j));
      if (v != null && !v.isNull() && !v.isNumber()) {
        send(exchange, 400, error("'" + features.get(j) + "' must be a number"));
        return;
      }
      x[j] = v == null || v.isNull() ? Double.NaN : v.asDouble();
    }
    JsonNode islandNode = body.get(ISLAND);
    String island = islandNode == null || islandNode.isNull() ? null : islandNode.asString();
    if (options.mlops()) {
      RowValidator.Row row = rows.get().clear();
      for (int j = 0; j < x.length; j++) {
        if (!Double.isNaN(x[j])) {
          row.setDouble(features.get(j), x[j]);
        }
      }
      row.setString(ISLAND, island);
      List<Violation> violations = row.validate();
      if (!violations.isEmpty()) {
        send(exchange, 422, violations(violations));
        return;
      }
    }
    double[] p = s.model().predict(x);
    int best = 0;
    boolean finite = true;
    for (int c = 0; c < p.length; c++) {
      finite &= Double.isFinite(p[c]);
      if (p[c] > p[best]) {
        best = c;
      }
    }
    predictions.increment();
    if (!finite) {
      nonFinite.increment();
    }
    if (options.mlops()) {
      WindowProfile w = s.window();
      int[] columns = s.featureColumns();
      for (int j = 0; j < x.length; j++) {
        w.update(columns[j], x[j]);
      }
      w.update(s.islandColumn(), island);
      if (finite) {
        s.confidence().update(p[best]);
      }
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("species", finite ? s.model().classes().get(best) : null);
    ObjectNode probs = out.putObject("probabilities");
    for (int c = 0; c < p.length; c++) {
      probs.put(s.model().classes().get(c), p[c]);
    }
    out.put("model", s.version().id().toString());
    send(exchange, 200, JSON.writeValueAsString(out));
  }

  private void metrics(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream os = exchange.getResponseBody()) {
        os.write(body);
      }
    }
  }

  private void health(HttpExchange exchange) throws IOException {
    try (exchange) {
      ObjectNode out = JSON.createObjectNode();
      out.put("status", "UP");
      out.put("model", served.get().version().id().toString());
      send(exchange, 200, JSON.writeValueAsString(out));
    }
  }

  private static String error(String message) {
    ObjectNode out = JSON.createObjectNode();
    out.put("error", message);
    return JSON.writeValueAsString(out);
  }

  private static String violations(List<Violation> violations) {
    ObjectNode out = JSON.createObjectNode();
    ArrayNode list = out.putArray("violations");
    for (Violation v : violations) {
      list.addObject().put("rule", v.rule()).put("severity", v.severity().name()).put("reason", v.reason());
    }
    return JSON.writeValueAsString(out);
  }

  private static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream os = exchange.getResponseBody()) {
      os.write(body);
    }
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Stops accepting requests, waits up to a second for those in flight, and stops the watcher. */
  @Override
  public void close() {
    http.stop(1);
    watcher.shutdownNow();
    handlers.shutdown();
    try {
      handlers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    registry.close();
  }

  /**
   * Serves the champion of a store until the process is stopped.
   *
   * @param args the store URI (default {@code file:.mlops}) and the port (default 8080)
   * @throws IOException if the port cannot be bound
   * @throws InterruptedException if interrupted while serving
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    MlopsStore store = MlopsStore.open(args.length > 0 ? args[0] : MlopsStore.DEFAULT_URI);
    ModelServer server = start(store, Options.defaults().withPort(args.length > 1 ? Integer.parseInt(args[1]) : 8080));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      store.close();
    }, "model-server-shutdown"));
    System.out.println("serving " + server.servedVersion().id() + " at " + server.url() + " (POST /predict, GET"
        + " /metrics, GET /health)");
    Thread.currentThread().join();
  }

  @Override
  public String toString() {
    return "ModelServer{" + url() + ", " + servedVersion().id() + "}";
  }
}
