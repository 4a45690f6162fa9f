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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures the figures on a file store: a 10,000-run experiment's runs API and page, and a
 * 1,000,000-point metric's chart data. Not a test (its name matches no surefire include, and it asserts no
 * time); run it with {@code mvn -pl mlops-ui -am verify -Dtest=UiPerformanceMeasurement
 * -Dsurefire.failIfNoSpecifiedTests=false}. Figures go to stdout and target/ui-performance.txt.
 */
class UiPerformanceMeasurement {
  private static final int RUNS = 10_000;
  private static final int POINTS = 1_000_000;
  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private final StringBuilder report = new StringBuilder();

  @Test
  void measure() throws Exception {
    String longRun;
    try (MlopsStore store = MlopsStore.open("file:" + dir.resolve("store"))) {
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
      try (MlopsUi ui = MlopsUi.start(store, 0)) {
        String base = "http://127.0.0.1:" + ui.port();
        time("runs API, start time order, 100 a page", base + "/api/runs?experiment=big&limit=100");
        time("runs API, orderBy metrics.acc DESC, 100 a page", base + "/api/runs?experiment=big&limit=100&orderBy="
            + q("metrics.acc DESC"));
        time("runs API, filter + order, 100 a page", base + "/api/runs?experiment=big&limit=100&filter="
            + q("metrics.acc > 0.5 and params.depth = '3'") + "&orderBy=" + q("metrics.loss ASC"));
        time("metric API, 1,000,000 points -> 2,000", base + "/api/metric?run=" + longRun + "&key=loss");
        try (Browser browser = new Browser(dir.resolve("profile"))) {
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
      }
    }
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "ui-performance.txt"), report);
  }

  private void time(String what, String url) throws Exception {
    double cold = get(url);
    List<Double> warm = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      warm.add(get(url));
    }
    Collections.sort(warm);
    line("%s: first %.1f ms; then median %.1f ms, p90 %.1f ms (30 requests)", what, cold, median(warm),
        warm.get(26));
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
