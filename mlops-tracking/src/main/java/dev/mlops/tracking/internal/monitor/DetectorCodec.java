package dev.mlops.tracking.internal.monitor;

import dev.mlops.core.CorruptedDataException;
import dev.mlops.core.MlopsException;
import dev.mlops.tracking.monitor.ChangeDirection;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON form of a detector: {@code {"format": "mlops.change-detector", "version": 1, "kind": ...,
 * "config": {...}, "state": {...}, "drift": ..., "warning": ...}}. Readers refuse other formats and
 * versions rather than guess. Stateless and thread-safe.
 */
public final class DetectorCodec {
  /** The value of the {@code format} field. */
  public static final String FORMAT = "mlops.change-detector";
  /** The version this code writes and reads. */
  public static final int VERSION = 1;

  private DetectorCodec() {}

  /**
   * Encodes a detector as a JSON tree.
   *
   * @param detector the detector
   * @return the document
   */
  public static ObjectNode encodeTree(StatefulDetector detector) {
    ObjectNode root = JsonFields.MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    root.put("kind", detector.name());
    detector.writeConfig(root.putObject("config"));
    detector.writeState(root.putObject("state"));
    root.put("drift", detector.driftDetected());
    root.put("warning", detector.warningDetected());
    return root;
  }

  /**
   * Encodes a detector as a JSON string.
   *
   * @param detector the detector
   * @return the document
   */
  public static String encode(StatefulDetector detector) {
    return JsonFields.MAPPER.writeValueAsString(encodeTree(detector));
  }

  /**
   * Decodes a document written by {@link #encode(StatefulDetector)}.
   *
   * @param json the document
   * @return the detector
   * @throws CorruptedDataException if the document is malformed, of another format or version, or
   *     holds an invalid configuration or state
   */
  public static StatefulDetector decode(String json) {
    return decodeTree(JsonFields.parseVersioned(json, "detector state", FORMAT, VERSION));
  }

  /**
   * Decodes a tree built by {@link #encodeTree(StatefulDetector)}.
   *
   * @param root the document
   * @return the detector
   * @throws CorruptedDataException if the document is malformed, of another format or version, or
   *     holds an invalid configuration or state
   */
  public static StatefulDetector decodeTree(JsonNode root) {
    JsonFields.checkVersioned(root, "detector state", FORMAT, VERSION);
    String kind = JsonFields.getString(root, "kind");
    JsonNode config = JsonFields.field(root, "config");
    StatefulDetector detector;
    try {
      detector = switch (kind) {
        case "adwin" -> new AdwinDetector(AdwinDetector.readConfig(config));
        case "page-hinkley" -> new PageHinkleyDetector(PageHinkleyDetector.readConfig(config));
        case "cusum" -> new CusumDetector(CusumDetector.readConfig(config));
        case "ddm" -> new DdmDetector(DdmDetector.readConfig(config));
        case "eddm" -> new EddmDetector(EddmDetector.readConfig(config));
        case "hddm-a" -> new HddmADetector(HddmADetector.readConfig(config));
        case "hddm-w" -> new HddmWDetector(HddmWDetector.readConfig(config));
        case "kswin" -> new KswinDetector(KswinDetector.readConfig(config));
        default -> throw new CorruptedDataException("detector state has unknown kind '" + kind + "'");
      };
      detector.readState(JsonFields.field(root, "state"));
    } catch (CorruptedDataException e) {
      throw e;
    } catch (MlopsException e) {
      throw new CorruptedDataException("detector state of kind '" + kind + "' is invalid: " + e.getMessage(), e);
    }
    detector.restoreFlags(JsonFields.getBoolean(root, "drift"), JsonFields.getBoolean(root, "warning"));
    return detector;
  }

  /**
   * Parses a direction name.
   *
   * @param name the enum constant's name
   * @return the direction
   * @throws CorruptedDataException if the name is unknown
   */
  static ChangeDirection direction(String name) {
    for (ChangeDirection direction : ChangeDirection.values()) {
      if (direction.name().equals(name)) {
        return direction;
      }
    }
    throw new CorruptedDataException("detector state: unknown direction '" + name + "'");
  }
}
