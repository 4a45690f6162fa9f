package dev.mlops.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.MlopsStore;
import dev.mlops.core.artifact.ArtifactVersion;
import dev.mlops.examples.TrackingExample;
import dev.mlops.validation.drift.DatasetDrift;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The reference model server: predictions, 422s, metrics, health, skew, and a model swap under load. */
class ModelServerTest {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String ADELIE = "{\"Beak Length (mm)\":39.1,\"Beak Depth (mm)\":18.7,"
      + "\"Flipper Length (mm)\":181,\"Body Mass (g)\":3750,\"Island\":\"Torgersen\"}";
  private static MlopsStore store;

  @BeforeAll
  static void train() {
    store = MlopsStore.builder().storage("mem:").artifactCacheTtl(Duration.ZERO).open();
    TrackingExample.run(store, new PrintStream(OutputStream.nullOutputStream()));
  }

  @AfterAll
  static void close() {
    store.close();
  }

  private static ModelServer start() throws Exception {
    return ModelServer.start(store, ModelServer.Options.defaults().withIntervals(Duration.ofMillis(20), Duration.ZERO));
  }

  private static HttpResponse<String> post(ModelServer server, String body) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(server.url().resolve("predict")).POST(
        HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String get(ModelServer server, String path) throws Exception {
    HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(server.url().resolve(path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }

  @Test
  void predictsWhatTheChampionPredictsAndRejectsBadRecords() throws Exception {
    try (ModelServer server = start()) {
      HttpResponse<String> ok = post(server, ADELIE);
      assertThat(ok.statusCode()).isEqualTo(200);
      JsonNode answer = JSON.readTree(ok.body());
      assertThat(answer.get("species").asString()).isEqualTo("Adelie");
      ArtifactVersion champion = store.artifacts().get("penguins-softmax@champion");
      assertThat(answer.get("model").asString()).isEqualTo(champion.id().toString());
      PenguinsModel model;
      try (InputStream in = store.artifacts().open(champion)) {
        model = PenguinsModel.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
      double[] expected = model.predict(new double[] {39.1, 18.7, 181, 3750});
      for (int c = 0; c < expected.length; c++) {
        assertThat(answer.get("probabilities").get(model.classes().get(c)).asDouble()).isEqualTo(expected[c]);
      }

      HttpResponse<String> negative = post(server, ADELIE.replace("3750", "-5"));
      assertThat(negative.statusCode()).isEqualTo(422);
      assertThat(JSON.readTree(negative.body()).get("violations").get(0).get("rule").asString())
          .isEqualTo("isPositive(Body Mass (g))");
      HttpResponse<String> missing = post(server, "{\"Beak Length (mm)\":39.1,\"Island\":\"Atlantis\"}");
      assertThat(missing.statusCode()).isEqualTo(422);
      assertThat(missing.body()).contains("isComplete(Body Mass (g))").contains("isContainedIn(Island");
      assertThat(post(server, "{not json").statusCode()).isEqualTo(400);
      assertThat(post(server, ADELIE.replace("3750", "\"heavy\"")).statusCode()).isEqualTo(400);

      assertThat(get(server, "health")).contains("\"UP\"").contains(champion.id().toString());
      String metrics = get(server, "metrics");
      assertThat(metrics)
          .contains("mlops_validation_rows_checked_total{validator=\"penguins-softmax\"} 3.0")
          .contains("mlops_validation_rows_rejected_total{validator=\"penguins-softmax\"} 2.0")
          .contains("mlops_validation_violations_total{rule=\"isPositive(Body Mass (g))\",validator=\"penguins-softmax\"} 1.0")
          .contains("mlops_serving_predictions_total{model=\"penguins-softmax\"} 1.0")
          .contains("mlops_monitor_values_total{metric=\"prediction_confidence\",model=\"penguins-softmax\"} 1.0")
          .contains("mlops_model_age_seconds{model=\"penguins-softmax\"}")
          .contains("mlops_drift_p_value{column=\"Body Mass (g)\",window=\"penguins-softmax\"}")
          .contains("mlops_serving_outputs_nonfinite_total{model=\"penguins-softmax\"} 0.0");
    }
  }

  @Test
  void heavierPenguinsShowAsSkewOnTheMassColumn() throws Exception {
    try (ModelServer server = start()) {
      List<String> heavier = new java.util.ArrayList<>();
      for (String b : LoadGenerator.bodies(600, 3)) {
        double mass = JSON.readTree(b).get("Body Mass (g)").asDouble();
        heavier.add(b.replace("\"Body Mass (g)\":" + mass, "\"Body Mass (g)\":" + (mass > 0 ? mass + 1500 : mass)));
      }
      LoadGenerator.Result sent = LoadGenerator.run(server.url(), 4, 0, heavier.size(), Duration.ZERO, Duration.ZERO,
          heavier, null);
      assertThat(sent.errors()).isZero();
      DatasetDrift drift = server.checkSkewNow();
      assertThat(drift.driftedColumns()).extracting(c -> c.column()).contains("Body Mass (g)")
          .doesNotContain("Island");
      assertThat(get(server, "metrics"))
          .contains("mlops_drift_column_drifted{column=\"Body Mass (g)\",window=\"penguins-softmax\"} 1.0");
    }
  }

  @Test
  void theModelIsSwappedUnderLoadWithoutAFailedRequest() throws Exception {
    int original = store.artifacts().get("penguins-softmax@champion").version();
    try (ModelServer server = start()) {
      ArtifactVersion before = server.servedVersion();
      ArtifactVersion[] moved = new ArtifactVersion[1];
      LoadGenerator.Result r = LoadGenerator.run(server.url(), 4, 200, 3000, Duration.ZERO, Duration.ZERO,
          LoadGenerator.bodies(1000, 5), () -> moved[0] = LoadGenerator.swapChampion(store));
      assertThat(r.errors()).isZero();
      assertThat(r.requests()).isEqualTo(3000);
      assertThat(r.rejected()).isEqualTo(60);
      assertThat(moved[0].version()).isNotEqualTo(before.version());
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (server.servedVersion().version() != moved[0].version() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(server.servedVersion().version()).isEqualTo(moved[0].version());
      assertThat(server.registry().get("mlops.serving.model.swaps").counter().count()).isEqualTo(1);
      assertThat(get(server, "health")).contains(moved[0].id().toString());
      URI predict = server.url().resolve("predict");
      assertThat(predict.getPath()).isEqualTo("/predict");
    } finally {
      store.artifacts().alias("penguins-softmax", "champion", original);
    }
  }

  @Test
  void theLoadGeneratorSaysWhatTheFailedRequestsWere() throws Exception {
    try (ModelServer server = start()) {
      // a base URL without the /predict route: every request gets the JDK server's 404
      LoadGenerator.Result r = LoadGenerator.run(server.url().resolve("nowhere/"), 2, 0, 30, Duration.ZERO,
          Duration.ZERO, LoadGenerator.bodies(30, 7), null);
      assertThat(r.errors()).isEqualTo(30);
      assertThat(r.errorSamples()).hasSize(LoadGenerator.Result.ERROR_SAMPLES)
          .allSatisfy(e -> assertThat(e).matches("request \\d+ at .*: status 404, body .*"));
    }
  }
}
