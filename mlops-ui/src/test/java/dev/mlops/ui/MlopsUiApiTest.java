package dev.mlops.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.InvalidInputException;
import dev.mlops.core.MlopsStore;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The JSON API and the server's guards, over real HTTP. */
class MlopsUiApiTest {
  @TempDir static Path dir;
  static MlopsStore store;
  static MlopsUi ui;
  static UiTestData data;
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final JsonMapper JSON = JsonMapper.builder().build();

  @BeforeAll
  static void start() {
    store = MlopsStore.open("mem:");
    data = UiTestData.populate(store, dir);
    ui = MlopsUi.start(store, 0);
  }

  @AfterAll
  static void stop() {
    ui.close();
    store.close();
  }

  static HttpResponse<String> get(String pathAndQuery) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ui.port() + pathAndQuery)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(String pathAndQuery) throws Exception {
    HttpResponse<String> r = get(pathAndQuery);
    assertThat(r.statusCode()).as(pathAndQuery + ": " + r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    return JSON.readTree(r.body());
  }

  static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void bindsToLoopbackOnAFreePort() {
    assertThat(ui.url().toString()).isEqualTo("http://127.0.0.1:" + ui.port() + "/");
    assertThat(ui.port()).isPositive();
    assertThat(ui.token()).isEmpty();
  }

  @Test
  void runsOfferEveryParamAndMetricKeyOfTheExperimentNotJustThePages() throws Exception {
    JsonNode first = json("/api/runs?experiment=sweep&limit=5");
    assertThat(first.path("runs")).hasSize(5);
    for (JsonNode r : first.path("runs")) {
      assertThat(r.path("params").has(UiTestData.RARE_PARAM)).as("the rare keys' run is not on this page").isFalse();
    }
    assertThat(strings(first.path("paramKeys"))).containsExactly("depth", "lr", "optimizer", UiTestData.RARE_PARAM);
    assertThat(strings(first.path("metricKeys"))).containsExactly("acc", UiTestData.RARE_METRIC, "loss");
    // a filter narrows the runs, not the keys a user can choose as columns
    JsonNode filtered = json("/api/runs?experiment=sweep&limit=5&filter=" + q("params.optimizer = 'sgd'"));
    assertThat(strings(filtered.path("paramKeys"))).contains(UiTestData.RARE_PARAM);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new java.util.ArrayList<>();
    array.forEach(n -> out.add(n.asString()));
    return out;
  }

  @Test
  void runsArePagedByKeysetInTheRequestedOrder() throws Exception {
    JsonNode first = json("/api/runs?experiment=sweep&limit=5&orderBy=" + q("metrics.acc DESC"));
    assertThat(first.path("runs")).hasSize(5);
    assertThat(first.path("paramKeys").toString()).contains("lr", "optimizer", "depth");
    double previous = Double.MAX_VALUE;
    int seen = 0;
    JsonNode page = first;
    while (true) {
      for (JsonNode r : page.path("runs")) {
        double acc = r.path("metrics").path("acc").asDouble();
        assertThat(acc).isLessThanOrEqualTo(previous);
        previous = acc;
        seen++;
      }
      if (page.path("nextPageToken").isNull()) {
        break;
      }
      page = json("/api/runs?experiment=sweep&limit=5&orderBy=" + q("metrics.acc DESC") + "&pageToken="
          + q(page.path("nextPageToken").asString()));
    }
    assertThat(seen).isEqualTo(UiTestData.SWEEP_RUNS + 1);
  }

  @Test
  void aMalformedFilterAnswers400WithTheCaret() throws Exception {
    HttpResponse<String> r = get("/api/runs?experiment=sweep&filter=" + q("metrics.acc >> 1"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(r.body()).path("error").asString()).contains("metrics.acc >> 1").contains("^");
  }

  @Test
  void metricChartsAreDownsampledAndDownloadsAreComplete() throws Exception {
    JsonNode chart = json("/api/metric?run=" + data.longRunId + "&key=loss");
    assertThat(chart.path("total").asInt()).isEqualTo(UiTestData.LONG_STEPS);
    assertThat(chart.path("steps")).hasSize(2000);
    assertThat(chart.path("values")).hasSize(2000);
    assertThat(chart.path("downsampled").asBoolean()).isTrue();
    HttpResponse<String> csv = get("/api/metric.csv?run=" + data.longRunId + "&key=loss");
    assertThat(csv.body().lines()).hasSize(UiTestData.LONG_STEPS + 1).first().isEqualTo("step,value,timestamp_ms");
    assertThat(csv.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"loss.csv\"");
    JsonNode full = JSON.readTree(get("/api/metric.json?run=" + data.longRunId + "&key=loss").body());
    assertThat(full.path("values")).hasSize(UiTestData.LONG_STEPS);
    assertThat(get("/api/metric?run=" + data.longRunId + "&key=nope").statusCode()).isEqualTo(404);
  }

  @Test
  void aComparisonDrawsTheChartsTheRunPageDraws() throws Exception {
    JsonNode chart = json("/api/metric?run=" + data.longRunId + "&key=loss&points=300");
    JsonNode compared = json("/api/compare?run=" + data.runIds.get(1) + "&run=" + data.longRunId + "&points=300");
    JsonNode loss = null;
    for (JsonNode m : compared.path("metrics")) {
      if (m.path("key").asString().equals("loss")) {
        loss = m;
      }
    }
    assertThat(loss).isNotNull();
    JsonNode longSeries = null;
    for (JsonNode series : loss.path("series")) {
      if (series.path("run").asString().equals(data.longRunId)) {
        longSeries = series;
      }
    }
    assertThat(longSeries).isNotNull();
    assertThat(longSeries.path("total").asInt()).isEqualTo(UiTestData.LONG_STEPS);
    assertThat(longSeries.path("steps")).isEqualTo(chart.path("steps")).hasSize(300);
    assertThat(longSeries.path("values")).isEqualTo(chart.path("values"));
  }

  @Test
  void lineageGoesUpAndDown() throws Exception {
    JsonNode v = json("/api/version?ref=" + q("penguins-clean@1"));
    assertThat(v.path("lineage").path("nodes").findValuesAsString("ref"))
        .containsExactlyInAnyOrder("penguins-raw@1", "penguins-clean@1", "classifier@1", "classifier@2");
    JsonNode a = json("/api/artifact?name=classifier");
    assertThat(a.path("aliases").path("champion").asInt()).isEqualTo(2);
    assertThat(a.path("aliasHistory").path("champion")).hasSize(2);
  }

  @Test
  void filesAreServedOnlyByTheirListedPath() throws Exception {
    JsonNode v = json("/api/version?ref=" + q("bundle@1"));
    assertThat(v.path("files").findValuesAsString("path")).containsExactlyInAnyOrder("model.json", "meta/README.txt");
    assertThat(get("/api/file?ref=bundle%401&path=meta%2FREADME.txt").body()).isEqualTo("a bundle");
    for (String bad : new String[] {"../penguins-raw", "meta/../model.json", "/etc/passwd", "meta%2F..%2F..%2Fx"}) {
      assertThat(get("/api/file?ref=bundle%401&path=" + q(bad)).statusCode()).as(bad).isEqualTo(404);
    }
  }

  @Test
  void storedReportsAreRecognised() throws Exception {
    assertThat(json("/api/report?ref=" + q("penguins-drift@1")).path("kind").asString()).isEqualTo("drift");
    assertThat(json("/api/report?ref=" + q("penguins-validation@1")).path("kind").asString()).isEqualTo("validation");
    assertThat(get("/api/report?ref=" + q("penguins-raw@1")).statusCode()).isEqualTo(400);
  }

  @Test
  void everyResponseCarriesAStrictContentSecurityPolicy() throws Exception {
    for (String path : new String[] {"/", "/static/ui.js", "/api/experiments", "/nope"}) {
      HttpResponse<String> r = get(path);
      assertThat(r.headers().firstValue("Content-Security-Policy")).as(path)
          .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe"));
      assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }
    assertThat(get("/").body()).doesNotContainPattern("<script>[^<]");
  }

  @Test
  void refusesWritesAndForeignHosts() throws Exception {
    HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ui.port() + "/api/runs"))
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
    // a DNS-rebound page would send its own host name; the JDK client refuses to set Host, so speak HTTP directly
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", ui.port())) {
      socket.getOutputStream().write(("GET /api/experiments HTTP/1.1\r\nHost: evil.example:" + ui.port()
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
          StandardCharsets.US_ASCII)).readLine();
      assertThat(status).startsWith("HTTP/1.1 403");
    }
  }

  @Test
  void aTokenGuardsEveryRequestAndMovesIntoACookie() throws Exception {
    String token = "0123456789abcdef-token";
    try (MlopsUi guarded = MlopsUi.builder(store).port(0).token(token).start()) {
      String base = "http://127.0.0.1:" + guarded.port();
      assertThat(guarded.url().toString()).isEqualTo(base + "/?token=" + token);
      assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/experiments")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
      assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/experiments"))
          .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
          .isEqualTo(200);
      HttpResponse<String> link = HTTP.send(HttpRequest.newBuilder(guarded.url()).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(link.statusCode()).isEqualTo(303);
      assertThat(link.headers().firstValue("Location")).hasValue("/");
      String cookie = link.headers().firstValue("Set-Cookie").orElseThrow();
      assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict");
      assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/experiments"))
          .header("Cookie", cookie.substring(0, cookie.indexOf(';'))).build(), HttpResponse.BodyHandlers.ofString())
          .statusCode()).isEqualTo(200);
    }
    assertThatThrownBy(() -> MlopsUi.builder(store).token("short")).isInstanceOf(InvalidInputException.class);
  }
}
