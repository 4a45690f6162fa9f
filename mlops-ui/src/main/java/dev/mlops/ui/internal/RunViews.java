package dev.mlops.ui.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mlops.core.InvalidInputException;
import dev.mlops.core.MlopsStore;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.fingerprint.Fingerprint;
import dev.mlops.tracking.Experiment;
import dev.mlops.tracking.MetricPoint;
import dev.mlops.tracking.Run;
import dev.mlops.tracking.RunKeys;
import dev.mlops.tracking.RunPage;
import dev.mlops.tracking.RunSnapshot;
import dev.mlops.tracking.Tracker;
import dev.mlops.tracking.leaderboard.Aggregation;
import dev.mlops.tracking.leaderboard.Direction;
import dev.mlops.tracking.leaderboard.Leaderboard;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.Comparator;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The read-only JSON views of experiments and runs that the UI's API serves and the HTML reports embed: plain
 * maps and lists, so the JSON is the documented API. Thread-safe: it only reads, and its cache of finished runs'
 * metric series is a concurrent Caffeine cache.
 */
public final class RunViews {
  private static final Logger LOG = LoggerFactory.getLogger(RunViews.class);
  /** The most points one chart series holds. */
  public static final int MAX_CHART_POINTS = 2000;
  /** The runs page's page size when the request names none. */
  public static final int DEFAULT_PAGE = 100;
  private static final int MAX_COMPARED = 10;
  /** How many stored entries the synthetic run of {@link #warmCharts} holds, and how many points each. */
  static final int WARM_UP_ENTRIES = 320;
  static final int WARM_UP_POINTS_PER_ENTRY = 16;
  /** How many times {@link #warmCharts} reads the synthetic run's charts. */
  static final int WARM_UP_READS = 20;
  /** The warm-up's envelope: its 5,120 points merge buckets three times, as a long series' points do. */
  static final int WARM_UP_ENVELOPE = 1_024;
  /** How many 70-point charts {@link #warmCharts} draws straight from an 8-bucket envelope. */
  static final int WARM_UP_SMALL_CHARTS = 1_000;

  private final Tracker tracker;
  // finished runs never change, so their series and charts are cached, each cache bounded by the points it
  // holds: a series point takes 24 bytes (about 48 MB in all), a chart point about 40 (boxed; about 40 MB)
  private final Cache<String, Map<String, MetricSeries>> finishedSeries = Caffeine.newBuilder()
      .maximumWeight(2_000_000)
      .weigher((String k, Map<String, MetricSeries> v) -> v.values().stream().mapToInt(MetricSeries::weight).sum())
      .build();
  private final Cache<String, Map<String, Object>> finishedCharts = Caffeine.newBuilder()
      .maximumWeight(1_000_000)
      .weigher((String k, Map<String, Object> v) -> Math.max(1, ((long[]) v.get("steps")).length))
      .build();

  /**
   * Creates the views.
   *
   * @param tracker the tracker to read through
   */
  public RunViews(Tracker tracker) {
    this.tracker = tracker;
  }

  // ------------------------------------------------------------------ tracking

  /**
   * Prepares what the first requests need, so that they do not pay for a cold process: reads a synthetic
   * run's charts through the chart code ({@link #warmCharts}), then reads the runs of the most recently
   * created experiments (their catalog) and writes their first page's JSON, runs an ordered and a filtered
   * search on each (by its first metric key) and reads its newest run's page. Nothing it computes is kept
   * besides the tracker's own catalog, so no later request sees data older than the store. A failure is
   * logged and ends the step it happened in; it never reaches a request.
   *
   * @param most how many experiments, newest first; this bounds the memory and the time the preload takes
   * @param pageSize the page size the runs page asks for
   * @param stop tells the preload to stop before its next step
   * @return how many experiments were read
   */
  public int preload(int most, int pageSize, BooleanSupplier stop) {
    try {
      warmCharts(); // first: what it makes the JIT compile is compiled while the rest goes on
    } catch (RuntimeException e) {
      LOG.info("the UI's chart warm-up stopped: {}", e.toString());
    }
    int read = 0;
    List<Experiment> recent;
    try {
      Json.write(experiments());
      recent = new ArrayList<>(tracker.experiments());
    } catch (RuntimeException e) {
      LOG.info("the UI's preload could not list the experiments: {}", e.toString());
      return 0;
    }
    recent.removeIf(Experiment::deleted);
    recent.sort(Comparator.comparing(Experiment::createdAt).reversed());
    for (Experiment e : recent.subList(0, Math.min(most, recent.size()))) {
      if (stop.getAsBoolean()) {
        return read;
      }
      try {
        Map<String, Object> page = runs(e.name(), "", List.of(), pageSize, null);
        Json.write(page);
        read++;
        RunKeys keys = tracker.runKeys(e.name());
        if (!keys.metrics().isEmpty() && !keys.metrics().first().contains("`")) {
          String metric = "metrics.`" + keys.metrics().first() + "`";
          Json.write(runs(e.name(), metric + " IS NOT NULL", List.of(metric + " DESC"), pageSize, null));
        }
        List<?> first = (List<?>) page.get("runs");
        if (!first.isEmpty()) {
          Json.write(runDetail((String) ((Map<?, ?>) first.get(0)).get("id")));
        }
      } catch (RuntimeException ex) {
        LOG.info("the UI's preload of experiment '{}' stopped: {}", e.name(), ex.toString());
      }
    }
    return read;
  }

  /**
   * Runs a chart request's code on a synthetic run: a tracker over an in-memory store logs 5,120 points of
   * one metric as 320 stored entries, then the run's charts are read twenty times as {@link #chart} reads
   * them ({@link MetricSeries#readCharts}: the tracker's walk over the series, the point decoder, the
   * envelope, downsampling), the last three also written as JSON. Many small entries, read many times, make
   * the decoder's per-entry method (6,400 calls), not only its loop, hot enough for the optimizing compiler
   * even while the JIT's queue is long at start; the envelope is small ({@link #WARM_UP_ENVELOPE} buckets), so
   * every branch a long series takes (the arrays growing, a point joining a bucket, buckets merging) has run,
   * and the compiled code is not thrown away when the first real series takes them. The first long series
   * asked for then runs compiled code from its first entry on. Reads nothing from the UI's store and keeps
   * nothing.
   */
  static void warmCharts() {
    try (MlopsStore scratch = MlopsStore.open("mem:"); Tracker warm = Tracker.on(scratch)) {
      String runId;
      try (Run run = warm.newRun("warm-up").start()) {
        for (int i = 0; i < WARM_UP_ENTRIES * WARM_UP_POINTS_PER_ENTRY; i++) {
          run.logMetric("warm-up", Math.sin(i / 1000.0) + (i % 7) * 0.01, i);
          if (i % WARM_UP_POINTS_PER_ENTRY == WARM_UP_POINTS_PER_ENTRY - 1) {
            run.flush();
          }
        }
        runId = run.id();
      }
      for (int round = 0; round < WARM_UP_READS; round++) {
        Map<String, Map<String, Object>> charts = MetricSeries.readCharts(warm, runId, MAX_CHART_POINTS,
            WARM_UP_ENVELOPE);
        if (round >= WARM_UP_READS - 3) {
          Json.write(charts); // 6,000 numbers: enough for the JSON code, which the other preload steps share
        }
      }
    }
    // a chart's once-per-series methods (LTTB, the envelope's merge and output) run once per request, so the
    // reads above compile only their loops; a thousand small charts compile them whole, gaps included
    for (int round = 0; round < WARM_UP_SMALL_CHARTS; round++) {
      BucketEnvelope envelope = new BucketEnvelope(8);
      for (int i = 0; i < 70; i++) { // four merges, so the merge is called often enough to compile whole
        envelope.add(i, i % 13 == 12 ? Double.NaN : Math.sin(i + round), i);
      }
      envelope.chart("warm-up", 12);
    }
  }

  /** @return every experiment with its id, creation time, tags and deletion flag */
  public List<Map<String, Object>> experiments() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Experiment e : tracker.experiments()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", e.id());
      m.put("name", e.name());
      m.put("createdAt", e.createdAt().toString());
      m.put("tags", e.tags());
      m.put("deleted", e.deleted());
      out.add(m);
    }
    return out;
  }

  /**
   * One page of an experiment's runs.
   *
   * @param experiment the experiment name
   * @param filter the {@code searchRuns} filter; blank for all
   * @param orderBy the order clauses
   * @param limit the page size
   * @param pageToken the previous page's token, or null
   * @return {@code runs}, {@code nextPageToken} and the {@code paramKeys} and {@code metricKeys} of every run of
   *     the experiment (from the tracker's catalog, not from the page), for the column chooser
   * @throws InvalidInputException if the filter, an order clause, the limit or the token is malformed
   */
  public Map<String, Object> runs(String experiment, String filter, List<String> orderBy, int limit,
      @Nullable String pageToken) {
    RunPage page = tracker.searchRuns(experiment, filter, orderBy, limit, pageToken);
    RunKeys keys = tracker.runKeys(experiment);
    List<Map<String, Object>> runs = new ArrayList<>();
    for (RunSnapshot r : page.runs()) {
      runs.add(run(r));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("experiment", experiment);
    out.put("runs", runs);
    out.put("nextPageToken", page.nextPageToken());
    out.put("paramKeys", keys.params());
    out.put("metricKeys", keys.metrics());
    return out;
  }

  private static Map<String, Object> run(RunSnapshot r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("name", r.name());
    m.put("experimentId", r.experimentId());
    m.put("parentId", r.parentId().orElse(null));
    m.put("status", r.status().name());
    m.put("startTime", r.startTime().toString());
    m.put("endTime", r.endTime().map(Object::toString).orElse(null));
    m.put("params", new TreeMap<>(r.params()));
    m.put("metrics", finite(r.metrics()));
    m.put("tags", new TreeMap<>(r.tags()));
    return m;
  }

  private static Map<String, @Nullable Object> finite(Map<String, Double> metrics) {
    Map<String, @Nullable Object> out = new TreeMap<>();
    metrics.forEach((k, v) -> out.put(k, Double.isFinite(v) ? v : v.toString()));
    return out;
  }

  /**
   * A run in full: its values, latest metrics with their steps, inputs and outputs, fingerprint and environment.
   *
   * @param runId the run id
   * @return the run's view
   * @throws NotFoundException if there is no such run
   */
  public Map<String, Object> runDetail(String runId) {
    RunSnapshot r = tracker.getRun(runId);
    Map<String, Object> m = run(r);
    m.put("experiment", experimentName(r.experimentId()));
    Map<String, Object> latest = new TreeMap<>();
    for (Map.Entry<String, MetricPoint> e : r.latestMetrics().entrySet()) {
      MetricPoint p = e.getValue();
      Map<String, Object> point = new LinkedHashMap<>();
      point.put("value", Double.isFinite(p.value()) ? p.value() : Double.toString(p.value()));
      point.put("step", p.step());
      point.put("time", p.time().toString());
      latest.put(e.getKey(), point);
    }
    m.put("latestMetrics", latest);
    m.put("inputs", new TreeMap<>(r.inputs()));
    m.put("outputs", new TreeMap<>(r.outputs()));
    Optional<Fingerprint> fp = tracker.fingerprint(runId);
    m.put("fingerprintId", r.fingerprintId().orElse(null));
    m.put("fingerprint", fp.map(f -> (Object) Json.parse(f.toJson(), "fingerprint")).orElse(null));
    return m;
  }

  private @Nullable String experimentName(String experimentId) {
    for (Experiment e : tracker.experiments()) {
      if (e.id().equals(experimentId)) {
        return e.name();
      }
    }
    return null;
  }

  /**
   * A metric's chart data ({@link MetricSeries#chart}). The run's points stream into a {@link BucketEnvelope}
   * per key, in bounded memory, and LTTB chooses among what each keeps ({@link MetricSeries#readCharts}); a
   * finished run's charts (every key's, as they were all read) are cached, so a long series is read and
   * downsampled once. A running run is read again on every request, so its chart is never older than the store.
   * The comparison draws the same charts.
   *
   * @param runId the run id
   * @param key the metric key
   * @param maxPoints the most points
   * @return the chart data
   * @throws NotFoundException if the run or the metric does not exist
   */
  public Map<String, Object> chart(String runId, String key, int maxPoints) {
    Map<String, Object> chart = charts(runId, List.of(key), maxPoints).get(key);
    if (chart == null) {
      throw new NotFoundException("run " + runId + " has no metric '" + key + "'");
    }
    return chart;
  }

  /**
   * The charts of a run's metrics: from the cache when the run is finished and every key asked for is
   * there, else every key's, read at once (and cached when the run is finished).
   *
   * @return the charts by key, unmodifiable; a key the run lacks is absent
   */
  private Map<String, Map<String, Object>> charts(String runId, Collection<String> keys, int maxPoints) {
    Map<String, Map<String, Object>> cached = new LinkedHashMap<>();
    for (String key : keys) {
      Map<String, Object> hit = finishedCharts.getIfPresent(chartKey(runId, key, maxPoints));
      if (hit == null) {
        break;
      }
      cached.put(key, hit);
    }
    if (cached.size() == keys.size()) {
      return cached;
    }
    // the status first: a run finished before its points are read has them all
    boolean finished = tracker.getRun(runId).status().isTerminal();
    Map<String, Map<String, Object>> read = new LinkedHashMap<>();
    MetricSeries.readCharts(tracker, runId, maxPoints).forEach((k, c) -> read.put(k,
        finished ? cacheChart(runId, k, maxPoints, c) : Collections.unmodifiableMap(c)));
    return read;
  }

  private Map<String, Object> cacheChart(String runId, String key, int maxPoints, Map<String, Object> chart) {
    Map<String, Object> kept = Collections.unmodifiableMap(chart);
    finishedCharts.put(chartKey(runId, key, maxPoints), kept);
    return kept;
  }

  private static String chartKey(String runId, String key, int maxPoints) {
    return runId + '\n' + key + '\n' + maxPoints;
  }

  /**
   * A metric's series: all of them for a finished run are cached.
   *
   * @param runId the run id
   * @param key the metric key
   * @return the series
   * @throws NotFoundException if the run or the metric does not exist
   */
  public MetricSeries metric(String runId, String key) {
    MetricSeries s = series(runId).get(key);
    if (s == null) {
      throw new NotFoundException("run " + runId + " has no metric '" + key + "'");
    }
    return s;
  }

  private Map<String, MetricSeries> series(String runId) {
    Map<String, MetricSeries> cached = finishedSeries.getIfPresent(runId);
    if (cached != null) {
      return cached;
    }
    boolean finished = tracker.getRun(runId).status().isTerminal();
    Map<String, MetricSeries> all = MetricSeries.read(tracker, runId);
    if (finished) {
      finishedSeries.put(runId, all);
    }
    return all;
  }

  /**
   * Compares 2 to 10 runs: every param with a flag for those that differ, and each metric's chart series per run.
   *
   * @param runIds the runs
   * @param maxPoints the most points per series
   * @return {@code runs}, {@code params} ({@code key}, {@code values}, {@code differs}) and {@code metrics}
   *     ({@code key}, {@code series} of {@code run}, {@code steps}, {@code values})
   * @throws InvalidInputException if fewer than 2 or more than 10 runs are given
   */
  public Map<String, Object> compare(List<String> runIds, int maxPoints) {
    Set<String> ids = new LinkedHashSet<>(runIds);
    if (ids.size() < 2 || ids.size() > MAX_COMPARED) {
      throw new InvalidInputException("compare takes 2 to " + MAX_COMPARED + " different runs, got " + ids.size());
    }
    List<RunSnapshot> runs = new ArrayList<>();
    for (String id : ids) {
      runs.add(tracker.getRun(id));
    }
    Set<String> paramKeys = new TreeSet<>();
    Set<String> metricKeys = new TreeSet<>();
    runs.forEach(r -> {
      paramKeys.addAll(r.params().keySet());
      metricKeys.addAll(r.metrics().keySet());
    });
    List<Map<String, Object>> params = new ArrayList<>();
    for (String key : paramKeys) {
      List<@Nullable String> values = new ArrayList<>();
      runs.forEach(r -> values.add(r.params().get(key)));
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("key", key);
      p.put("values", values);
      p.put("differs", new HashSet<>(values).size() > 1);
      params.add(p);
    }
    Map<String, Map<String, Map<String, Object>>> chartsByRun = new LinkedHashMap<>();
    for (RunSnapshot r : runs) { // each run read once, whatever the number of keys
      chartsByRun.put(r.id(), charts(r.id(), r.metrics().keySet(), maxPoints));
    }
    List<Map<String, Object>> metrics = new ArrayList<>();
    for (String key : metricKeys) {
      List<Map<String, Object>> perRun = new ArrayList<>();
      for (RunSnapshot r : runs) {
        Map<String, Object> chart = chartsByRun.get(r.id()).get(key);
        if (chart != null) {
          Map<String, Object> c = new LinkedHashMap<>(chart);
          c.put("run", r.id());
          c.put("runName", r.name());
          perRun.add(c);
        }
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("key", key);
      m.put("series", perRun);
      metrics.add(m);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("runs", runs.stream().map(RunViews::run).toList());
    out.put("params", params);
    out.put("metrics", metrics);
    return out;
  }

  /**
   * A leaderboard of an experiment.
   *
   * @param experiment the experiment name
   * @param metric the metric to rank by
   * @param direction {@code MAXIMIZE} or {@code MINIMIZE}, any case
   * @param aggregation how a run's points become its score ({@code LAST}, {@code MIN}, {@code MAX}, {@code MEAN})
   * @param filter a {@code searchRuns} filter; blank for all
   * @param limit the most entries
   * @return the leaderboard's JSON tree
   * @throws InvalidInputException if a parameter is malformed
   */
  public JsonNode leaderboard(String experiment, String metric, String direction, String aggregation,
      String filter, int limit) {
    Leaderboard.Builder b = tracker.leaderboard(experiment)
        .metric(metric, parseEnum(Direction.class, direction, "direction"))
        .aggregation(parseEnum(Aggregation.class, aggregation, "aggregation"))
        .limit(limit);
    if (!filter.isBlank()) {
      b.filter(filter);
    }
    return Json.parse(b.build().toJson(), "leaderboard");
  }

  static <E extends Enum<E>> E parseEnum(Class<E> type, String text, String what) {
    try {
      return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(what + " must be one of " + java.util.Arrays.toString(type.getEnumConstants())
          + ", got '" + text + "'");
    }
  }
}
