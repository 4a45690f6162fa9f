package dev.mlops.validation.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads src/test/resources/model/oracle.json (made by scripts/model/generate_model_oracle.py) and compares. */
final class ModelOracle {
  static final double RELATIVE = 1e-12;
  private static JsonNode root;

  private ModelOracle() {}

  static synchronized JsonNode root() {
    if (root == null) {
      try (InputStream in = ModelOracle.class.getResourceAsStream("/model/oracle.json")) {
        root = JsonMapper.builder().build().readTree(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return root;
  }

  static List<JsonNode> cases(String kind) {
    List<JsonNode> out = new ArrayList<>();
    root().get(kind).forEach(out::add);
    return out;
  }

  static double number(JsonNode node) {
    if (node.isString()) {
      return switch (node.asString()) {
        case "inf" -> Double.POSITIVE_INFINITY;
        case "-inf" -> Double.NEGATIVE_INFINITY;
        case "nan" -> Double.NaN;
        default -> throw new IllegalArgumentException(node.asString());
      };
    }
    return node.asDouble();
  }

  static double[] numbers(JsonNode node) {
    double[] v = new double[node.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = number(node.get(i));
    }
    return v;
  }

  static boolean[] booleans(JsonNode node) {
    boolean[] v = new boolean[node.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = node.get(i).asBoolean();
    }
    return v;
  }

  static int[] ints(JsonNode node) {
    int[] v = new int[node.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = node.get(i).asInt();
    }
    return v;
  }

  /** Asserts a relative agreement of 1e-12 (NaN equals NaN, infinities equal themselves). */
  static void close(String what, double actual, double expected) {
    if (Double.isNaN(expected)) {
      assertThat(Double.isNaN(actual)).as(what + ": " + actual + " vs NaN").isTrue();
      return;
    }
    if (Double.isInfinite(expected)) {
      assertThat(actual).as(what).isEqualTo(expected);
      return;
    }
    double scale = Math.max(Math.abs(actual), Math.abs(expected));
    assertThat(Math.abs(actual - expected)).as(what + ": " + actual + " vs " + expected)
        .isLessThanOrEqualTo(RELATIVE * scale);
  }

  static void close(String what, double[] actual, double[] expected) {
    assertThat(actual).as(what + " length").hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      close(what + "[" + i + "]", actual[i], expected[i]);
    }
  }

  /** Expects either scikit-learn's number or, where scikit-learn raised, an InvalidInputException. */
  static void expect(String what, JsonNode expected, DoubleSupplier value) {
    if (expected.isObject() && expected.has("error")) {
      assertThatThrownBy(value::getAsDouble).as(what + " (scikit-learn: " + expected.get("error").asString() + ")")
          .isInstanceOf(InvalidInputException.class);
    } else {
      close(what, value.getAsDouble(), number(expected));
    }
  }
}
