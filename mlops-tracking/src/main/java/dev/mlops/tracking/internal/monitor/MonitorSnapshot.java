package dev.mlops.tracking.internal.monitor;

import dev.mlops.core.CorruptedDataException;
import dev.mlops.tracking.monitor.ChangeDetector;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The saved state of a metric monitor: {@code {"format": "mlops.metric-monitor", "version": 1, ...,
 * "detector": {...}}}, the detector embedded in its own versioned form.
 *
 * @param metric the metric's name
 * @param count how many values the monitor has processed
 * @param inWarning whether a warning is in force
 * @param quietRun how many values in a row came without warning while the warning was in force
 * @param lastDrift the index of the last notified drift, or -1
 * @param warnings how many warnings were notified
 * @param drifts how many drifts were notified
 * @param suppressedDrifts how many drifts fell in a cool-down and were not notified
 * @param warningClearAfter the hysteresis setting for warnings
 * @param driftCooldown the hysteresis setting for drifts
 * @param detector the detector
 */
public record MonitorSnapshot(String metric, long count, boolean inWarning, long quietRun, long lastDrift,
    long warnings, long drifts, long suppressedDrifts, int warningClearAfter, int driftCooldown,
    ChangeDetector detector) {
  /** The value of the {@code format} field. */
  public static final String FORMAT = "mlops.metric-monitor";
  /** The version this code writes and reads. */
  public static final int VERSION = 1;

  /**
   * Serializes the snapshot.
   *
   * @return the JSON document
   */
  public String toJson() {
    ObjectNode root = JsonFields.MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    root.put("metric", metric);
    root.put("count", count);
    root.put("inWarning", inWarning);
    root.put("quietRun", quietRun);
    root.put("lastDrift", lastDrift);
    root.put("warnings", warnings);
    root.put("drifts", drifts);
    root.put("suppressedDrifts", suppressedDrifts);
    root.put("warningClearAfter", warningClearAfter);
    root.put("driftCooldown", driftCooldown);
    try {
      root.set("detector", JsonFields.MAPPER.readTree(detector.toJson()));
    } catch (JacksonException e) {
      throw new CorruptedDataException("detector " + detector.name() + " of metric '" + metric
          + "' wrote invalid JSON", e);
    }
    return JsonFields.MAPPER.writeValueAsString(root);
  }

  /**
   * Reads a snapshot written by {@link #toJson()}.
   *
   * @param json the document
   * @return the snapshot
   * @throws CorruptedDataException if the document is malformed or of another format or version
   */
  public static MonitorSnapshot parse(String json) {
    JsonNode root = JsonFields.parseVersioned(json, "monitor state", FORMAT, VERSION);
    MonitorSnapshot snapshot = new MonitorSnapshot(JsonFields.getString(root, "metric"),
        JsonFields.getLong(root, "count"), JsonFields.getBoolean(root, "inWarning"),
        JsonFields.getLong(root, "quietRun"), JsonFields.getLong(root, "lastDrift"),
        JsonFields.getLong(root, "warnings"), JsonFields.getLong(root, "drifts"),
        JsonFields.getLong(root, "suppressedDrifts"), JsonFields.getInt(root, "warningClearAfter"),
        JsonFields.getInt(root, "driftCooldown"), DetectorCodec.decodeTree(JsonFields.field(root, "detector")));
    if (snapshot.count < 0 || snapshot.quietRun < 0 || snapshot.lastDrift < -1 || snapshot.lastDrift >= snapshot.count
        || snapshot.warningClearAfter < 1 || snapshot.driftCooldown < 0) {
      throw new CorruptedDataException("monitor state of metric '" + snapshot.metric + "' has inconsistent counters");
    }
    return snapshot;
  }
}
