package dev.mlops.ui;

import dev.mlops.core.MlopsStore;
import dev.mlops.tracking.Run;
import dev.mlops.tracking.Tracker;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures the figures on a file store: a 10,000-run experiment's runs API and page, and a
 * 1,000,000-point metric's chart data, first in the JVM that built the store, then in a new JVM per first
 * request ({@link UiProcess}, as {@code java -jar} starts it). Not a test (its name matches no surefire
 * include, and it asserts no time); run it with {@code mvn -pl mlops-ui -am package -DskipTests} (so the new
 * JVMs run the runnable jar) and then {@code mvn -pl mlops-ui -am verify -Dtest=UiPerformanceMeasurement
 * -Dsurefire.failIfNoSpecifiedTests=false}; add
 * {@code -Dmlops.ui.perf.store=DIR} to build the store in DIR once and reuse it on later runs. Figures go to
 * stdout and target/ui-performance.txt.
 */
class UiPerformanceMeasurement {
  private static final int RUNS = 10_000;
  private static final int POINTS = 1_000_000;
  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private final StringBuilder report = new StringBuilder();

  @Test
  void measure() throws Exception {
    String reuse = System.getProperty("mlops.ui.perf.store");
    Path storeDir = reuse == null ? dir.resolve("store") : Path.of(reuse).toAbsolutePath();
    Path longRunFile = storeDir.resolveSibling(storeDir.getFileName() + ".long-run");
    String storeUri = "file:" + storeDir;
    String longRun;
    if (Files.exists(longRunFile)) {
      longRun = Files.readString(longRunFile).trim();
      line("reusing the store %s (%d runs + one run of %d points, built earlier)", storeDir, RUNS, POINTS);
    } else {
      longRun = build(storeUri);
      Files.writeString(longRunFile, longRun);
    }
    line("-- in this JVM (it built the store, unless reused; its code is warm) (load %s)", load());
    try (MlopsStore store = MlopsStore.open(storeUri); MlopsUi ui = MlopsUi.start(store, 0)) {
      String base = "http://127.0.0.1:" + ui.port();
      runsApi(base, null);
      time("metric API, 1,000,000 points -> 2,000", base + metricPath(longRun));
      try (Browser browser = new Browser(dir.resolve("profile"))) {
        pages(browser, base, longRun);
      }
    }
    // what a user gets: `java -jar mlops-ui.jar --store ...` starts a JVM with nothing loaded or compiled,
    // then the first request; one JVM per first request, so no row warms another's code
    line("-- a new JVM per block: MlopsUiMain with the JVM's default options, from %s; the first request is"
        + " sent the moment it prints its address (load %s)", UiProcess.form().description(), load());
    try (UiProcess p = UiProcess.start(storeUri, Path.of("target", "ui-process-runs.log"))) {
      started(p);
      runsApi(p.url(), p);
      time("  then metric API, 1,000,000 points -> 2,000", p.url() + metricPath(longRun), p);
    }
    try (UiProcess p = UiProcess.start(storeUri, Path.of("target", "ui-process-metric.log"))) {
      started(p);
      time("metric API first, 1,000,000 points -> 2,000", p.url() + metricPath(longRun), p);
    }
    try (Browser browser = new Browser(dir.resolve("profile-new-jvm"));
        UiProcess p = UiProcess.start(storeUri, Path.of("target", "ui-process-pages.log"))) {
      started(p);
      pages(browser, p.url(), longRun);
    }
    line("(load at the end %s)", load());
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "ui-performance.txt"), report);
  }

  private String build(String storeUri) {
    String longRun;
    try (MlopsStore store = MlopsStore.open(storeUri)) {
      long t0 = System.nanoTime();
      try (Tracker tracker = Tracker.on(store)) {
        Random random = new Random(1);
        for (int i = 0; i < RUNS; i++) {
          try (Run run = tracker.newRun("big").name("run-" + i).start()) {
            run.logParam("lr", new double[] {0.001, 0.01, 0.1}[i % 3]).logParam("depth", i % 10);
            run.logMetric("acc", random.nextDouble(), 0);
            run.logMetric("loss", random.nextDouble(), 0);
          }
        }
        try (Run run = tracker.newRun("long").name("long").start()) {
          for (int i = 0; i < POINTS; i++) {
            run.logMetric("loss", Math.exp(-i / 200_000.0) + 0.01 * random.nextGaussian(), i);
          }
          longRun = run.id();
        }
      }
      line("setup: %d runs + one run of %d points on a file store in %.1f s", RUNS, POINTS,
          (System.nanoTime() - t0) / 1e9);
    }
    return longRun;
  }

  private void started(UiProcess p) {
    line("new JVM: launch to address printed %.0f ms (UI process CPU %.0f ms)", p.startedMs(), p.cpuMs());
  }

  private void runsApi(String base, @Nullable UiProcess p) throws Exception {
    time("runs API, start time order, 100 a page", base + "/api/runs?experiment=big&limit=100", p);
    time("runs API, orderBy metrics.acc DESC, 100 a page", base + "/api/runs?experiment=big&limit=100&orderBy="
        + q("metrics.acc DESC"), p);
    time("runs API, filter + order, 100 a page", base + "/api/runs?experiment=big&limit=100&filter="
        + q("metrics.acc > 0.5 and params.depth = '3'") + "&orderBy=" + q("metrics.loss ASC"), p);
  }

  private static String metricPath(String runId) {
    return "/api/metric?run=" + runId + "&key=loss";
  }

  private void pages(Browser browser, String base, String longRun) {
    List<Double> ready = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      browser.open(base + "/experiment?name=big");
      ready.add(((Number) browser.js("return Number(document.body.getAttribute('data-ready-ms'))")).doubleValue());
    }
    line("runs page of the 10,000-run experiment, navigation start to table drawn (ms): first %.0f, then median %.0f of %s",
        ready.get(0), median(ready.subList(1, ready.size())), ready.subList(1, ready.size()));
    List<Double> run = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      browser.open(base + "/run?id=" + longRun);
      run.add(((Number) browser.js("return Number(document.body.getAttribute('data-ready-ms'))")).doubleValue());
    }
    line("run page with the 1,000,000-point metric, navigation start to chart drawn (ms): %s", run);
  }

  /** @return the load averages over 1, 5 and 15 minutes, as {@code uptime} shows them */
  private static String load() throws java.io.IOException {
    Path loadavg = Path.of("/proc/loadavg");
    if (!Files.exists(loadavg)) {
      return String.format(Locale.ROOT, "%.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
          .getSystemLoadAverage());
    }
    String[] f = Files.readString(loadavg).trim().split("\\s+");
    return f[0] + " " + f[1] + " " + f[2];
  }

  private void time(String what, String url) throws Exception {
    time(what, url, null);
  }

  /** Times a first request and 30 more; with a UI process, also the CPU time that process spent on each. */
  private void time(String what, String url, @Nullable UiProcess process) throws Exception {
    double cpu0 = process == null ? 0 : process.cpuMs();
    double cold = get(url);
    double cpu1 = process == null ? 0 : process.cpuMs();
    List<Double> warm = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      warm.add(get(url));
    }
    double cpu2 = process == null ? 0 : process.cpuMs();
    Collections.sort(warm);
    line("%s: first %.1f ms%s; then median %.1f ms, p90 %.1f ms (30 requests%s)", what, cold,
        process == null ? "" : String.format(Locale.ROOT, " (UI process CPU %.0f ms)", cpu1 - cpu0), median(warm),
        warm.get(26), process == null ? "" : String.format(Locale.ROOT, "; UI process CPU %.0f ms each",
            (cpu2 - cpu1) / 30));
  }

  private double get(String url) throws Exception {
    long t = System.nanoTime();
    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    double ms = (System.nanoTime() - t) / 1e6;
    if (r.statusCode() != 200) {
      throw new AssertionError(url + " answered " + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8));
    }
    return ms;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private void line(String format, Object... args) {
    String s = String.format(Locale.ROOT, format, args);
    System.out.println(s);
    report.append(s).append('\n');
  }
}
