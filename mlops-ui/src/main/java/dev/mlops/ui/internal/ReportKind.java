package dev.mlops.ui.internal;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Recognises the JSON forms of a validation result ({@code ValidationResult.toJson()}), a drift report
 * ({@code DatasetDrift.toJson()}) and a profile ({@code Profile.toJson()}) by their schema or format field.
 */
public final class ReportKind {
  /** A validation result. */
  public static final String VALIDATION = "validation";
  /** A dataset drift report. */
  public static final String DRIFT = "drift";
  /** A data profile. */
  public static final String PROFILE = "profile";

  private static final String VALIDATION_SCHEMA = "mlops.validation.result/v1";
  private static final String PROFILE_SCHEMA = "mlops.validation.profile/v1";
  private static final String DRIFT_FORMAT = "mlops-drift-result";
  private static final Pattern SCHEMA = Pattern.compile("\"(?:schema|format)\"\\s*:\\s*\"([^\"]{1,64})\"");

  private ReportKind() {}

  /**
   * Classifies a parsed document.
   *
   * @param root the JSON tree
   * @return the kind, or null if it is none of the reports
   */
  public static @Nullable String of(JsonNode root) {
    return kindOf(root.path("schema").asString(root.path("format").asString("")));
  }

  /**
   * Classifies a document from its first bytes, so a version page need not parse a large file.
   *
   * @param head the start of the text
   * @return the kind, or null if it is none of the reports
   */
  static @Nullable String sniff(String head) {
    var m = SCHEMA.matcher(head);
    return m.find() ? kindOf(m.group(1)) : null;
  }

  private static @Nullable String kindOf(String marker) {
    return switch (marker) {
      case VALIDATION_SCHEMA -> VALIDATION;
      case PROFILE_SCHEMA -> PROFILE;
      case DRIFT_FORMAT -> DRIFT;
      default -> null;
    };
  }

  /**
   * Drops what a page never shows: the bulky sketches a stored profile carries for merging.
   *
   * @param root a report's JSON tree, changed in place
   * @return the tree
   */
  public static JsonNode compact(JsonNode root) {
    for (JsonNode c : root.path("columns")) {
      if (c instanceof ObjectNode o) {
        o.remove("sketches");
      }
    }
    return root;
  }
}
