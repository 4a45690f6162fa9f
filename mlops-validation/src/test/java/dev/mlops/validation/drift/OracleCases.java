package dev.mlops.validation.drift;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads src/test/resources/drift/oracle.json and replays its LCG-described samples bit for bit. */
final class OracleCases {
  private OracleCases() {}

  static List<JsonNode> load() throws IOException {
    try (InputStream in = OracleCases.class.getResourceAsStream("/drift/oracle.json")) {
      JsonNode root = JsonMapper.builder().build().readTree(in);
      List<JsonNode> cases = new ArrayList<>();
      root.get("cases").forEach(cases::add);
      return cases;
    }
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

  static double[] values(JsonNode spec) {
    if (spec.isArray()) {
      double[] v = new double[spec.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = spec.get(i).asDouble();
      }
      return v;
    }
    double scale = spec.has("scale") ? spec.get("scale").asDouble() : 1.0;
    double shift = spec.has("shift") ? spec.get("shift").asDouble() : 0.0;
    double[] raw = lcg(spec.get("seed").asLong(), spec.get("n").asInt(), spec.get("shape").asString());
    for (int i = 0; i < raw.length; i++) {
      raw[i] = raw[i] * scale + shift;
    }
    return raw;
  }

  /** The generator of generate_drift_oracle.py: a 64-bit LCG, three uniforms per value. */
  static double[] lcg(long seed, int n, String shape) {
    long s = seed;
    double[] out = new double[n];
    double[] u = new double[3];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < 3; k++) {
        s = s * 6364136223846793005L + 1442695040888963407L;
        u[k] = (s >>> 11) * (1.0 / 9007199254740992.0);
      }
      out[i] = switch (shape) {
        case "uniform" -> u[0];
        case "bell" -> ((u[0] + u[1]) + u[2]) - 1.5;
        case "ties" -> Math.floor(u[0] * 21.0) / 2.0;
        default -> throw new IllegalArgumentException(shape);
      };
    }
    return out;
  }

  static long[][] table(JsonNode node) {
    long[][] t = new long[node.size()][];
    for (int i = 0; i < t.length; i++) {
      t[i] = new long[node.get(i).size()];
      for (int j = 0; j < t[i].length; j++) {
        t[i][j] = node.get(i).get(j).asLong();
      }
    }
    return t;
  }
}
