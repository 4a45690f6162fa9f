package dev.mlops.validation.internal.drift;

import dev.mlops.validation.drift.ColumnDrift;
import dev.mlops.validation.drift.DatasetDrift;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON form of a {@link DatasetDrift}; non-finite numbers are written as strings so that the output is
 * standard JSON.
 *
 * <p>Stateless and thread-safe.
 */
public final class DriftResultJson {
  private DriftResultJson() {}

  /**
   * Writes a dataset drift result.
   *
   * @param drift the result
   * @return the JSON text
   */
  public static String write(DatasetDrift drift) {
    ObjectNode root = ProfileJson.MAPPER.createObjectNode();
    root.put("format", "mlops-drift-result");
    root.put("version", 1);
    root.put("correction", drift.correction().name());
    number(root, "alpha", drift.alpha());
    number(root, "driftedShare", drift.driftedShare());
    number(root, "shareThreshold", drift.shareThreshold());
    root.put("datasetDrifted", drift.datasetDrifted());
    ArrayNode cols = root.putArray("columns");
    for (ColumnDrift c : drift.columns()) {
      ObjectNode n = cols.addObject();
      n.put("column", c.column());
      n.put("kind", c.kind().name());
      n.put("test", c.test().name());
      n.put("pValueMethod", c.pValueMethod().name());
      number(n, "statistic", c.statistic());
      number(n, "pValue", c.pValue());
      number(n, "adjustedPValue", c.adjustedPValue());
      number(n, "alpha", c.alpha());
      n.put("effectMeasure", c.effectMeasure().name());
      number(n, "effectSize", c.effectSize());
      number(n, "effectThreshold", c.effectThreshold());
      n.put("drifted", c.drifted());
      n.put("referenceCount", c.referenceCount());
      n.put("currentCount", c.currentCount());
      n.put("referenceMissing", c.referenceMissing());
      n.put("currentMissing", c.currentMissing());
      ObjectNode counts = n.putObject("counts");
      strings(counts.putArray("bins"), c.counts().bins());
      longs(counts.putArray("reference"), c.counts().reference());
      longs(counts.putArray("current"), c.counts().current());
      n.put("topBin", c.topBin());
      number(n, "topBinReferenceShare", c.topBinReferenceShare());
      number(n, "topBinCurrentShare", c.topBinCurrentShare());
      n.put("explanation", c.explanation());
      strings(n.putArray("warnings"), c.warnings());
    }
    ObjectNode skipped = root.putObject("skipped");
    for (Map.Entry<String, String> e : drift.skipped().entrySet()) {
      skipped.put(e.getKey(), e.getValue());
    }
    return ProfileJson.MAPPER.writeValueAsString(root);
  }

  private static void number(ObjectNode node, String field, double v) {
    if (Double.isFinite(v)) {
      node.put(field, v);
    } else {
      node.put(field, Double.toString(v));
    }
  }

  private static void strings(ArrayNode a, List<String> values) {
    values.forEach(a::add);
  }

  private static void longs(ArrayNode a, List<Long> values) {
    values.forEach(a::add);
  }
}
