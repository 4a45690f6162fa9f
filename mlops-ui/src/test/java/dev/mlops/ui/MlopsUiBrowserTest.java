package dev.mlops.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.MlopsStore;
import dev.mlops.tracking.Tracker;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Every page of the UI in headless Chromium: loads cleanly, draws what it should, runs no injected script. */
class MlopsUiBrowserTest {
  @TempDir static Path dir;
  static MlopsStore store;
  static MlopsUi ui;
  static Browser browser;
  static UiTestData data;

  @BeforeAll
  static void start() {
    store = MlopsStore.open("mem:");
    data = UiTestData.populate(store, dir);
    ui = MlopsUi.start(store, 0);
    browser = new Browser(dir.resolve("chromium-profile"));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    ui.close();
    store.close();
  }

  @AfterEach
  void noScriptRanAndNothingFailed() {
    assertThatThrownByNothing();
  }

  private static void assertThatThrownByNothing() {
    boolean alert;
    try {
      browser.driver.switchTo().alert();
      alert = true;
    } catch (NoAlertPresentException e) {
      alert = false;
    }
    assertThat(alert).as("an alert opened: injected script ran").isFalse();
  }

  private static String page(String path, Map<String, String> query) {
    StringBuilder sb = new StringBuilder("http://127.0.0.1:" + ui.port() + path);
    char sep = '?';
    for (Map.Entry<String, String> e : query.entrySet()) {
      sb.append(sep).append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
      sep = '&';
    }
    return sb.toString();
  }

  private static String openClean(String url) {
    browser.consoleErrors();
    String ready = browser.open(url);
    assertThat(browser.consoleErrors()).as("console errors on " + url).isEmpty();
    assertThat(ready).as("page state of " + url).isEqualTo("true");
    return ready;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> charts() {
    return (List<Map<String, Object>>) browser.js("return window.mlopsCharts");
  }

  @SuppressWarnings("unchecked")
  private static List<Long> points(Map<String, Object> chart) {
    return ((List<Object>) chart.get("points")).stream().map(o -> ((Number) o).longValue()).toList();
  }

  @Test
  void experimentsPageListsTheExperiment() {
    openClean(page("/", Map.of()));
    assertThat(browser.driver.findElements(By.cssSelector("a.experiment-link")))
        .extracting(WebElement::getText).contains(UiTestData.EXPERIMENT);
  }

  @Test
  void runsTableShowsChosenColumnsSortsAndPages() {
    openClean(page("/experiment", Map.of("name", UiTestData.EXPERIMENT)));
    List<WebElement> rows = browser.driver.findElements(By.cssSelector("#runs tbody tr"));
    assertThat(rows).hasSize(UiTestData.SWEEP_RUNS + 1);
    assertThat(browser.driver.findElements(By.cssSelector("#runs th")))
        .extracting(WebElement::getText).contains("lr", "optimizer", "acc", "loss");
    // the hostile run name is text, not an element
    assertThat(browser.driver.findElements(By.cssSelector("a.run-link"))).extracting(WebElement::getText)
        .contains(UiTestData.HOSTILE);
    assertThat(browser.driver.findElements(By.cssSelector("#runs img"))).isEmpty();
    browser.screenshot("runs-table");

    // sort by acc descending: the column's values come out ordered
    browser.driver.findElement(By.cssSelector("#runs th[data-field='metrics.acc']")).click();
    waitFor(() -> browser.driver.findElements(By.cssSelector("#runs th.sorted-desc")).size() == 1);
    List<Double> acc = column("acc");
    assertThat(acc).isSortedAccordingTo((a, b) -> Double.compare(b, a));

    // keyset paging: five per page walks every run once
    openClean(page("/experiment", Map.of("name", UiTestData.EXPERIMENT, "limit", "5")));
    // the column chooser offers every key of the experiment, also those of runs on no page shown yet
    assertThat(browser.driver.findElements(By.cssSelector("#runs tbody tr")).stream()
        .map(r -> r.getAttribute("data-run"))).doesNotContain(data.runIds.get(UiTestData.RARE_KEYS_TRIAL));
    assertThat(browser.driver.findElements(By.cssSelector("details.columns label")).stream()
        .map(l -> l.getAttribute("textContent").trim()))
        .contains("lr", "optimizer", "depth", UiTestData.RARE_PARAM, "acc", "loss", UiTestData.RARE_METRIC);
    java.util.Set<String> seen = new java.util.HashSet<>();
    int pages = 0;
    while (true) {
      browser.driver.findElements(By.cssSelector("#runs tbody tr")).forEach(r -> seen.add(r.getAttribute("data-run")));
      pages++;
      WebElement next = browser.driver.findElement(By.id("next"));
      if (!next.isEnabled()) {
        break;
      }
      String before = browser.driver.findElement(By.id("page-info")).getText();
      next.click();
      waitFor(() -> !browser.driver.findElement(By.id("page-info")).getText().equals(before));
    }
    assertThat(seen).hasSize(UiTestData.SWEEP_RUNS + 1);
    assertThat(pages).isEqualTo((UiTestData.SWEEP_RUNS + 1 + 4) / 5);
    assertThat(browser.consoleErrors()).isEmpty();
  }

  private static List<Double> column(String header) {
    List<String> heads = browser.driver.findElements(By.cssSelector("#runs th")).stream().map(WebElement::getText)
        .map(t -> t.replaceAll("[\u25b2\u25bc ]", "")).toList();
    int i = heads.indexOf(header) + 1;
    return browser.driver.findElements(By.cssSelector("#runs tbody tr td:nth-child(" + i + ")")).stream()
        .map(WebElement::getText).filter(t -> !t.isBlank()).map(Double::parseDouble).toList();
  }

  @Test
  void aBadFilterShowsTheErrorWithItsCaret() {
    openClean(page("/experiment", Map.of("name", UiTestData.EXPERIMENT)));
    WebElement filter = browser.driver.findElement(By.id("filter"));
    filter.clear();
    filter.sendKeys("metrics.acc >> 0.5");
    browser.driver.findElement(By.id("apply")).click();
    WebElement error = new WebDriverWait(browser.driver, Duration.ofSeconds(10))
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("filter-error")));
    String text = error.getText();
    assertThat(text).contains("metrics.acc >> 0.5").contains("^");
    String[] lines = text.split("\n");
    String caretLine = lines[lines.length - 1];
    String inputLine = lines[lines.length - 2];
    int caret = caretLine.indexOf('^');
    assertThat(inputLine.substring(caret)).startsWith(">");
    // the failed request is the only console message: a 400 answer
    assertThat(browser.consoleErrors()).allMatch(m -> m.contains("400"));
    browser.screenshot("filter-error");
    // a good filter clears the error and filters
    filter.clear();
    filter.sendKeys("params.optimizer = 'sgd'");
    browser.driver.findElement(By.id("apply")).click();
    waitFor(() -> !browser.driver.findElement(By.id("filter-error")).isDisplayed());
    assertThat(browser.driver.findElements(By.cssSelector("#runs tbody tr"))).hasSize(UiTestData.SWEEP_RUNS / 2);
  }

  @Test
  void runPageDrawsAChartPerMetricDownsampledToTwoThousandPoints() {
    openClean(page("/run", Map.of("id", data.longRunId)));
    List<Map<String, Object>> charts = charts();
    assertThat(charts).hasSize(2);
    Map<String, Object> loss = charts.stream().filter(c -> String.valueOf(c.get("title")).startsWith("loss"))
        .findFirst().orElseThrow();
    assertThat(((Number) loss.get("series")).intValue()).isEqualTo(1);
    assertThat(points(loss)).containsExactly(2000L);
    assertThat(browser.driver.findElement(By.tagName("main")).getText())
        .contains("penguins-clean@1", "classifier@1", "v1.2.3", "jvm.version", "seed");
    browser.screenshot("run-charts");

    openClean(page("/run", Map.of("id", data.hostileRunId)));
    assertThat(charts()).flatExtracting(MlopsUiBrowserTest::points).containsOnly((long) UiTestData.SHORT_STEPS);
    String text = browser.driver.findElement(By.tagName("main")).getText();
    assertThat(text).contains(UiTestData.HOSTILE);
    assertThat(browser.driver.findElements(By.cssSelector("main img"))).isEmpty();
  }

  @Test
  void compareOverlaysEachRunAndDrawsParallelCoordinates() {
    List<String> three = data.runIds.subList(1, 4);
    openClean("http://127.0.0.1:" + ui.port() + "/compare?run=" + String.join("&run=", three));
    List<Map<String, Object>> charts = charts();
    assertThat(charts).filteredOn(c -> "line".equals(c.get("kind"))).hasSize(2)
        .allSatisfy(c -> {
          assertThat(((Number) c.get("series")).intValue()).isEqualTo(3);
          assertThat(points(c)).containsOnly((long) UiTestData.SHORT_STEPS);
        });
    assertThat(charts).filteredOn(c -> "parallel".equals(c.get("kind"))).hasSize(1);
    assertThat(browser.driver.findElements(By.cssSelector("svg.parcoords polyline"))).hasSize(3);
    assertThat(browser.driver.findElements(By.cssSelector("tr.differs"))).isNotEmpty();
    browser.screenshot("compare");
  }

  @Test
  void leaderboardRanksTheRuns() {
    openClean(page("/leaderboard", Map.of("experiment", UiTestData.EXPERIMENT, "metric", "acc")));
    List<WebElement> rows = browser.driver.findElements(By.cssSelector("#leaderboard table.grid tbody tr"));
    assertThat(rows).hasSizeGreaterThan(5);
    assertThat(rows.get(0).findElement(By.cssSelector("td")).getText()).isEqualTo("1");
  }

  @Test
  void artifactPagesShowVersionsAliasesLineageAndFiles() {
    openClean(page("/artifacts", Map.of()));
    assertThat(browser.driver.findElements(By.cssSelector("a.artifact-link"))).extracting(WebElement::getText)
        .contains("penguins-raw", "penguins-clean", "classifier", "bundle");

    openClean(page("/artifact", Map.of("name", "classifier")));
    String text = browser.driver.findElement(By.tagName("main")).getText();
    assertThat(text).contains("champion \u2192 v2").contains("v1").contains("v2");

    openClean(page("/version", Map.of("ref", "penguins-clean@1")));
    assertThat(browser.driver.findElements(By.cssSelector("svg.lineage g.node")))
        .extracting(e -> e.getAttribute("data-ref"))
        .containsExactlyInAnyOrder("penguins-raw@1", "penguins-clean@1", "classifier@1", "classifier@2");
    assertThat(browser.driver.findElements(By.cssSelector("svg.lineage path.edge"))).hasSize(3);
    browser.screenshot("lineage");

    openClean(page("/version", Map.of("ref", "penguins-raw@1")));
    assertThat(browser.driver.findElement(By.tagName("main")).getText()).contains(UiTestData.HOSTILE);
    assertThat(browser.driver.findElements(By.cssSelector("main img"))).isEmpty();

    openClean(page("/version", Map.of("ref", "bundle@1")));
    assertThat(browser.driver.findElement(By.tagName("main")).getText())
        .contains("model.json", "meta/README.txt", "sha256:");
  }

  @Test
  void storedDriftAndValidationReportsRenderPerColumnCharts() {
    openClean(page("/version", Map.of("ref", "penguins-drift@1")));
    browser.driver.findElement(By.id("report-link")).click();
    new WebDriverWait(browser.driver, Duration.ofSeconds(20)).until(d -> "true".equals(
        browser.js("return document.body.getAttribute('data-ready')")));
    assertThat(browser.consoleErrors()).isEmpty();
    List<Map<String, Object>> charts = charts();
    assertThat(charts).hasSize(3).allSatisfy(c -> assertThat(((Number) c.get("series")).intValue()).isEqualTo(2));
    browser.screenshot("drift-report");

    openClean(page("/report", Map.of("ref", "penguins-validation@1")));
    assertThat(browser.driver.findElement(By.tagName("main")).getText()).contains("penguins", "FAILED");
  }

  @Test
  void singleFileReportsOpenOfflineWithTheirCharts() throws Exception {
    Path drift = HtmlReport.of(UiTestData.drift()).titled("drift " + UiTestData.HOSTILE).writeTo(dir.resolve("drift.html"));
    Path validation = HtmlReport.of(UiTestData.validation()).writeTo(dir.resolve("validation.html"));
    Path profile = HtmlReport.of(dev.mlops.validation.Profile.of(UiTestData.table(new java.util.Random(5), 0)))
        .writeTo(dir.resolve("profile.html"));
    Path compare;
    Path leaderboard;
    try (Tracker tracker = Tracker.on(store)) {
      compare = HtmlReport.comparison(tracker, data.runIds.subList(0, 3)).writeTo(dir.resolve("compare.html"));
      leaderboard = HtmlReport.of(tracker.leaderboard(UiTestData.EXPERIMENT)
          .metric("acc", dev.mlops.tracking.leaderboard.Direction.MAXIMIZE).build()).writeTo(dir.resolve("lb.html"));
    }
    Map<Path, Integer> expectedCharts = Map.of(drift, 3, validation, 1, profile, 3, compare, 3, leaderboard, 1);
    for (Map.Entry<Path, Integer> e : expectedCharts.entrySet()) {
      browser.consoleErrors();
      browser.driver.get(e.getKey().toUri().toString());
      assertThat(browser.consoleErrors()).as(e.getKey().toString()).isEmpty();
      assertThat(charts()).as(e.getKey().toString()).hasSize(e.getValue());
      assertThat(browser.driver.findElements(By.cssSelector("main img"))).isEmpty();
    }
    browser.driver.get(drift.toUri().toString());
    assertThat(browser.driver.getTitle()).isEqualTo("drift " + UiTestData.HOSTILE);
    assertThat(Files.readString(drift)).doesNotContain("src=\"http").doesNotContain("src=\"/");
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) {
    new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d -> condition.getAsBoolean());
  }
}
