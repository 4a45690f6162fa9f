package dev.mlops.validation.internal.drift;

import dev.mlops.core.CorruptedDataException;
import dev.mlops.core.InvalidInputException;
import dev.mlops.validation.drift.ColumnHistogram;
import dev.mlops.validation.drift.DatasetProfile;
import dev.mlops.validation.drift.Window;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON form of a window profile's whole state: {@code {"format": "mlops-drift-window", "version": 1,
 * "window": {"sliding", "size", "duration", "panes"}, "reference": {"columns": [...]}, "currentPane",
 * "completed", "columns": [{"name", "head", "paneSizes", "panes", "completed"}]}}.
 *
 * <p>{@code reference} is a drift profile's columns (binnings and reference counts, as
 * {@link ProfileJson} writes them); {@code duration} is ISO-8601 ({@code PT1M}, {@code PT0S} for count
 * windows); {@code currentPane} is the epoch pane number of a time window's current pane or {@code null};
 * {@code completed} says whether a tumbling window has completed, and each column's {@code completed} holds
 * its last full window's counts or {@code null}. Reading checks every invariant a live window keeps (one
 * count per bin, pane sizes equal to the counts, no count pane over its capacity and the one being filled
 * below it, heads within the panes), so a
 * document that was edited or truncated is refused instead of counting wrongly.
 *
 * <p>Stateless and thread-safe.
 */
public final class WindowJson {
  /** The value of the {@code format} field. */
  public static final String FORMAT = "mlops-drift-window";
  /** The only version written and read. */
  public static final int VERSION = 1;

  private WindowJson() {}

  /**
   * Writes a window's state.
   *
   * @param state the state, copied out of a window profile under its lock
   * @return the JSON text
   */
  public static String write(WindowState state) {
    ObjectNode root = ProfileJson.MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    Window w = state.window();
    ObjectNode window = root.putObject("window");
    window.put("sliding", w.sliding());
    window.put("size", w.size());
    window.put("duration", w.duration().toString());
    window.put("panes", w.panes());
    ProfileJson.writeColumns(root.putObject("reference"), state.reference());
    if (state.currentPane() == null) {
      root.putNull("currentPane");
    } else {
      root.put("currentPane", state.currentPane().longValue());
    }
    long[][] completed = state.completed();
    root.put("completed", completed != null);
    List<ColumnHistogram> columns = state.reference().columns();
    ArrayNode cols = root.putArray("columns");
    for (int c = 0; c < columns.size(); c++) {
      ObjectNode col = cols.addObject();
      col.put("name", columns.get(c).name());
      col.put("head", state.head()[c]);
      longs(col.putArray("paneSizes"), state.paneSizes()[c]);
      ArrayNode panes = col.putArray("panes");
      for (long[] pane : state.counts()[c]) {
        longs(panes.addArray(), pane);
      }
      if (completed == null || completed[c] == null) {
        col.putNull("completed");
      } else {
        longs(col.putArray("completed"), completed[c]);
      }
    }
    return ProfileJson.MAPPER.writeValueAsString(root);
  }

  private static void longs(ArrayNode array, long[] values) {
    for (long v : values) {
      array.add(v);
    }
  }

  /**
   * Reads and checks a window's state.
   *
   * @param json the JSON text
   * @return the state
   * @throws CorruptedDataException if the text is not a version-1 window document or breaks an invariant
   *     of a window (counts that do not fit the bins, a full count pane, a head outside the panes)
   */
  public static WindowState read(String json) {
    try {
      JsonNode root = ProfileJson.MAPPER.readTree(json);
      if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asString(""))) {
        throw new CorruptedDataException("not a " + FORMAT + " document");
      }
      if (root.path("version").asInt(-1) != VERSION) {
        throw new CorruptedDataException(FORMAT + " version " + root.path("version") + " is not supported; "
            + "this library reads version " + VERSION);
      }
      Window window = readWindow(field(root, "window"));
      DatasetProfile reference = ProfileJson.readColumns(field(root, "reference"));
      JsonNode pane = field(root, "currentPane");
      Long currentPane = null;
      if (!pane.isNull()) {
        if (!pane.isIntegralNumber() || !pane.canConvertToLong() || !window.timeBased()
            || pane.asLong() == Long.MIN_VALUE) {
          throw new CorruptedDataException("currentPane must be null or, for a time window, an integer");
        }
        currentPane = pane.asLong();
      }
      boolean anyCompleted = bool(root, "completed");
      if (anyCompleted && window.sliding()) {
        throw new CorruptedDataException("a sliding window has no completed window");
      }
      List<ColumnHistogram> refColumns = reference.columns();
      JsonNode cols = field(root, "columns");
      if (!cols.isArray() || cols.size() != refColumns.size()) {
        throw new CorruptedDataException("columns must be an array of " + refColumns.size()
            + " entries, one per reference column");
      }
      int n = refColumns.size();
      long[][][] counts = new long[n][][];
      long[][] paneSizes = new long[n][];
      int[] head = new int[n];
      long[][] completed = anyCompleted ? new long[n][] : null;
      long paneCapacity = window.timeBased() ? Long.MAX_VALUE : window.size() / window.panes();
      for (int c = 0; c < n; c++) {
        JsonNode col = cols.get(c);
        String name = refColumns.get(c).name();
        if (!name.equals(col.path("name").asString(""))) {
          throw new CorruptedDataException("window column " + c + " must be '" + name + "', the reference's");
        }
        int bins = refColumns.get(c).binning().binCount();
        JsonNode headNode = field(col, "head");
        if (!headNode.isInt() || headNode.asInt() < 0 || headNode.asInt() >= window.panes()
            || (window.timeBased() && headNode.asInt() != 0)) {
          throw new CorruptedDataException("column '" + name + "' head " + headNode + " is not a pane of "
              + "the window");
        }
        head[c] = headNode.asInt();
        paneSizes[c] = counts(field(col, "paneSizes"), window.panes(), name + "' paneSizes");
        JsonNode panes = field(col, "panes");
        if (!panes.isArray() || panes.size() != window.panes()) {
          throw new CorruptedDataException("column '" + name + "' must have " + window.panes() + " panes");
        }
        counts[c] = new long[window.panes()][];
        for (int p = 0; p < window.panes(); p++) {
          counts[c][p] = counts(panes.get(p), bins, name + "' pane " + p);
          long sum = 0;
          for (long v : counts[c][p]) {
            sum = Math.addExact(sum, v);
          }
          if (currentPane == null && window.timeBased() && sum > 0) {
            throw new CorruptedDataException("column '" + name + "' has counts in a time window that never "
                + "started (currentPane is null)");
          }
          if (sum != paneSizes[c][p]) {
            throw new CorruptedDataException("column '" + name + "' pane " + p + " holds " + sum
                + " values but its size says " + paneSizes[c][p]);
          }
          // a count pane holds at most its capacity, and the one being filled less (a full one rotates)
          if (sum > paneCapacity || (sum == paneCapacity && p == head[c])) {
            throw new CorruptedDataException("column '" + name + "' pane " + p + " holds " + sum
                + " values, more than a pane of " + paneCapacity + " can hold"
                + (p == head[c] ? " while being filled" : ""));
          }
        }
        JsonNode done = field(col, "completed");
        if (!done.isNull()) {
          if (completed == null) {
            throw new CorruptedDataException("column '" + name + "' has a completed window but the window "
                + "says none completed");
          }
          completed[c] = counts(done, bins, name + "' completed");
        } else if (completed != null && window.timeBased()) {
          throw new CorruptedDataException("column '" + name + "' lacks the completed time window");
        }
      }
      return new WindowState(reference, window, counts, paneSizes, head, currentPane, completed);
    } catch (JacksonException | InvalidInputException | ArithmeticException e) {
      throw new CorruptedDataException("drift window JSON is malformed: " + e.getMessage(), e);
    }
  }

  private static Window readWindow(JsonNode node) {
    JsonNode size = field(node, "size");
    JsonNode panes = field(node, "panes");
    if (!size.isIntegralNumber() || !size.canConvertToLong() || !panes.isInt()) {
      throw new CorruptedDataException("window size and panes must be integers");
    }
    Duration duration;
    try {
      duration = Duration.parse(field(node, "duration").asString(""));
    } catch (DateTimeParseException e) {
      throw new CorruptedDataException("window duration is not an ISO-8601 duration: " + e.getMessage(), e);
    }
    // the Window constructor checks the shape and throws InvalidInputException, reported as corrupted
    return new Window(bool(node, "sliding"), size.asLong(), duration, panes.asInt());
  }

  private static long[] counts(@Nullable JsonNode node, int length, String what) {
    if (node == null || !node.isArray() || node.size() != length) {
      throw new CorruptedDataException("'" + what + " must be an array of " + length + " counts");
    }
    long[] out = new long[length];
    for (int i = 0; i < length; i++) {
      JsonNode v = node.get(i);
      if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
        throw new CorruptedDataException("'" + what + " entry " + i + " is not a non-negative integer: " + v);
      }
      out[i] = v.asLong();
    }
    return out;
  }

  private static JsonNode field(JsonNode node, String name) {
    JsonNode v = node.get(name);
    if (v == null) {
      throw new CorruptedDataException("field '" + name + "' is missing");
    }
    return v;
  }

  private static boolean bool(JsonNode node, String name) {
    JsonNode v = field(node, name);
    if (!v.isBoolean()) {
      throw new CorruptedDataException("field '" + name + "' must be true or false");
    }
    return v.asBoolean();
  }
}
