package dev.mlops.tracking.internal.query;

import dev.mlops.tracking.MetricPoint;
import dev.mlops.tracking.RunSnapshot;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A run field a filter or order-by names: a metric's latest value, a param, a tag, or an attribute
 * ({@code run_id}, {@code run_name}, {@code status}, {@code start_time}, {@code end_time}).
 *
 * @param kind the entity type
 * @param key the key, or the normalized attribute name
 */
public record Field(Kind kind, String key) {
  /** Entity types. */
  public enum Kind { METRIC, PARAM, TAG, ATTRIBUTE }

  /** @return true if the field's values are numbers (metrics, start and end times) */
  public boolean numeric() {
    return kind == Kind.METRIC || (kind == Kind.ATTRIBUTE && (key.equals("start_time") || key.equals("end_time")));
  }

  /**
   * Reads the field from a run.
   *
   * @param run the run
   * @return a {@link Double} for numeric fields, a {@link String} otherwise, or null if the run has no value
   */
  public @Nullable Object value(RunSnapshot run) {
    switch (kind) {
      case METRIC: {
        MetricPoint p = run.latestMetrics().get(key);
        return p == null ? null : p.value();
      }
      case PARAM:
        return run.params().get(key);
      case TAG:
        return run.tags().get(key);
      default:
        return attribute(run);
    }
  }

  private @Nullable Object attribute(RunSnapshot run) {
    switch (key) {
      case "run_id":
        return run.id();
      case "run_name":
        return run.name();
      case "status":
        return run.status().name();
      case "start_time":
        return (double) run.startTime().toEpochMilli();
      case "end_time":
        return run.endTime().map(t -> (double) t.toEpochMilli()).orElse(null);
      default:
        throw new IllegalStateException("unknown attribute " + key);
    }
  }

  /**
   * Normalizes an attribute name as MLflow does ({@code Run Name}, {@code run name} and {@code run_name} are
   * one; {@code created} is {@code start_time}).
   *
   * @param name the name as written
   * @return the normalized name, or null if there is no such attribute
   */
  static @Nullable String normalizeAttribute(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT).replace(' ', '_');
    switch (n) {
      case "run_id":
      case "run_name":
      case "status":
      case "start_time":
      case "end_time":
        return n;
      case "created":
        return "start_time";
      default:
        return null;
    }
  }

  @Override
  public String toString() {
    String entity = kind == Kind.METRIC ? "metrics" : kind == Kind.PARAM ? "params" : kind == Kind.TAG ? "tags"
        : "attributes";
    return entity + ".`" + key.replace("`", "``") + "`";
  }
}
