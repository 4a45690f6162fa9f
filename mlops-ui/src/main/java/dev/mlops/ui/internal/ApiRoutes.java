package dev.mlops.ui.internal;

import com.sun.net.httpserver.HttpExchange;
import dev.mlops.core.InvalidInputException;
import dev.mlops.core.MlopsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON API under {@code /api/}, documented in {@code docs/ui.md}: each endpoint reads query parameters,
 * asks {@link StoreViews} and writes JSON (or CSV and raw files for downloads). Bad input answers 400 with
 * {@code {"status", "error"}}, a missing item 404.
 */
final class ApiRoutes {

  private final RunViews runs;
  private final ArtifactViews artifacts;

  ApiRoutes(RunViews runs, ArtifactViews artifacts) {
    this.runs = runs;
    this.artifacts = artifacts;
  }

  void handle(HttpExchange ex, String endpoint, Map<String, List<String>> q) throws IOException {
    try {
      switch (endpoint) {
        case "experiments" -> json(ex, runs.experiments());
        case "runs" -> json(ex, runs.runs(required(q, "experiment"), optional(q, "filter", ""),
            q.getOrDefault("orderBy", List.of()).stream().filter(s -> !s.isBlank()).toList(),
            integer(q, "limit", RunViews.DEFAULT_PAGE), nonBlank(q, "pageToken")));
        case "run" -> json(ex, runs.runDetail(required(q, "id")));
        case "metric" -> json(ex, runs.chart(required(q, "run"), required(q, "key"), points(q)));
        case "metric.csv" -> {
          MetricSeries s = runs.metric(required(q, "run"), required(q, "key"));
          download(ex, "text/csv; charset=utf-8", s.key() + ".csv", s.csv().getBytes(StandardCharsets.UTF_8));
        }
        case "metric.json" -> {
          MetricSeries s = runs.metric(required(q, "run"), required(q, "key"));
          download(ex, "application/json; charset=utf-8", s.key() + ".json", Json.write(s.full()));
        }
        case "compare" -> json(ex, runs.compare(q.getOrDefault("run", List.of()), points(q)));
        case "leaderboard" -> json(ex, runs.leaderboard(required(q, "experiment"), required(q, "metric"),
            optional(q, "direction", "MAXIMIZE"), optional(q, "aggregation", "LAST"), optional(q, "filter", ""),
            integer(q, "limit", 20)));
        case "artifacts" -> json(ex, artifacts.artifacts());
        case "artifact" -> json(ex, artifacts.artifact(required(q, "name")));
        case "version" -> json(ex, artifacts.versionDetail(required(q, "ref")));
        case "file" -> {
          String ref = required(q, "ref");
          String path = optional(q, "path", "");
          String name = path.isEmpty() ? ref : path.substring(path.lastIndexOf('/') + 1);
          UiServer.stream(ex, "application/octet-stream", name, artifacts.openFile(ref, path));
        }
        case "report" -> json(ex, artifacts.report(required(q, "ref")));
        default -> UiServer.error(ex, 404, "no API endpoint /api/" + endpoint);
      }
    } catch (MlopsException e) {
      UiServer.error(ex, UiServer.statusOf(e), e.getMessage() == null ? e.toString() : e.getMessage());
    }
  }

  private static void json(HttpExchange ex, Object value) throws IOException {
    UiServer.send(ex, 200, "application/json; charset=utf-8", Json.write(value));
  }

  private static void download(HttpExchange ex, String type, String name, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Disposition",
        "attachment; filename=\"" + name.replaceAll("[^\\w.\\-]", "_") + "\"");
    UiServer.send(ex, 200, type, body);
  }

  private static int points(Map<String, List<String>> q) {
    return Math.max(3, Math.min(RunViews.MAX_CHART_POINTS, integer(q, "points", RunViews.MAX_CHART_POINTS)));
  }

  private static String required(Map<String, List<String>> q, String name) {
    String v = nonBlank(q, name);
    if (v == null) {
      throw new InvalidInputException("the query parameter '" + name + "' is required");
    }
    return v;
  }

  private static String optional(Map<String, List<String>> q, String name, String otherwise) {
    List<String> v = q.get(name);
    return v == null || v.isEmpty() ? otherwise : v.get(0);
  }

  private static @Nullable String nonBlank(Map<String, List<String>> q, String name) {
    String v = optional(q, name, "");
    return v.isBlank() ? null : v;
  }

  private static int integer(Map<String, List<String>> q, String name, int otherwise) {
    String v = nonBlank(q, name);
    if (v == null) {
      return otherwise;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new InvalidInputException("the query parameter '" + name + "' must be an integer, got '" + v + "'");
    }
  }
}
