package dev.mlops.tracking.internal.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.InvalidInputException;
import dev.mlops.tracking.MetricPoint;
import dev.mlops.tracking.RunSnapshot;
import dev.mlops.tracking.RunStatus;
import dev.mlops.tracking.internal.store.TrackingJson;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

/** Runs every case of {@code filter/corpus.json} against five fixture runs. */
class FilterCorpusTest {
  static final List<RunSnapshot> RUNS = List.of(
      run("a", "alpha", RunStatus.FINISHED, 1670628787000L, 1670628790000L,
          Map.of("model", "LogisticRegression", "lambda", "0.001", "alpha", "0.3"),
          Map.of("accuracy", 0.95, "error", 0.04, "f1 score", 0.6),
          Map.of("mlflow.user", "john@mlflow.com", "model", "sklearn-logreg", "type", "LogisticRegression")),
      run("b", "run-b", RunStatus.FAILED, 1670628788000L, 1670628799000L,
          Map.of("model", "RandomForest", "lambda", "0.01"),
          Map.of("accuracy", 0.80, "error", 0.2, "f1 score", 0.4),
          Map.of("model", "xgboost", "type", "tree")),
      run("c", "Alpha two", RunStatus.RUNNING, 1670628789000L, null,
          Map.of("model", "LogisticRegression", "lambda", "0.001", "alpha", "0.5"),
          Map.of("accuracy", Double.NaN, "error", 0.03),
          Map.of("mlflow.user", "", "type", "logistic-l2")),
      run("d", "beta", RunStatus.FINISHED, 1670628786000L, 1670628786500L, Map.of(),
          Map.of("accuracy", 0.93), Map.of("model", "sklearn-tree")),
      run("e", "gamma", RunStatus.KILLED, 1670628791000L, 1670628792000L,
          Map.of("model", "GPT-2", "model-type", "llm"), Map.of("2019-04-02 error rate", 0.1), Map.of()));

  static RunSnapshot run(String idChar, String name, RunStatus status, long start, Long end,
      Map<String, String> params, Map<String, Double> metrics, Map<String, String> tags) {
    Map<String, MetricPoint> latest = new LinkedHashMap<>();
    metrics.forEach((k, v) -> latest.put(k, new MetricPoint(k, v, 0, start)));
    return new RunSnapshot(idChar.repeat(32), "e".repeat(32), name, null, status, Instant.ofEpochMilli(start),
        end == null ? null : Instant.ofEpochMilli(end), params, tags, latest);
  }

  @TestFactory
  Stream<DynamicTest> corpus() throws Exception {
    JsonNode root;
    try (InputStream in = FilterCorpusTest.class.getResourceAsStream("/filter/corpus.json")) {
      root = TrackingJson.mapper().readTree(in);
    }
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : root.get("cases")) {
      String filter = c.get("filter").asString();
      if (c.has("errorColumn")) {
        int column = c.get("errorColumn").asInt();
        tests.add(DynamicTest.dynamicTest("error: " + filter, () ->
            assertThatThrownBy(() -> FilterParser.parse(filter)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("at column " + column + ":")
                .hasMessageEndingWith("\n  " + " ".repeat(column - 1) + "^")));
      } else {
        List<String> expected = new ArrayList<>();
        c.get("matches").forEach(n -> expected.add(n.asString()));
        tests.add(DynamicTest.dynamicTest((c.has("mlflow") ? "mlflow: " : "ours: ") + filter, () -> {
          RunQuery q = RunQuery.compile("scope", filter, List.of());
          List<String> got = RUNS.stream().filter(q::matches).map(RunSnapshot::name).collect(Collectors.toList());
          assertThat(got).containsExactlyInAnyOrderElementsOf(expected);
        }));
      }
    }
    assertThat(tests).hasSizeGreaterThan(50);
    return tests.stream();
  }
}
