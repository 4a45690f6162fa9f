package dev.mlops.validation.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.CorruptedDataException;
import dev.mlops.core.spi.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The saved form of a window: what it holds, and that edited or truncated documents are refused. */
class WindowProfileJsonTest {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  @Test
  void savesTheWholeStateOfASlidingCountWindow() {
    WindowProfile w = WindowProfile.of(WindowProfileRestartProperties.reference(), Window.slidingCount(6, 3));
    int x = w.columnIndex("x");
    for (double v : new double[] {0.5, 3, 8, -1, 2}) {
      w.update(x, v);
    }
    JsonNode root = MAPPER.readTree(w.toJson());
    assertThat(root.get("format").asString()).isEqualTo("mlops-drift-window");
    assertThat(root.get("version").asInt()).isEqualTo(1);
    assertThat(root.get("window").get("panes").asInt()).isEqualTo(3);
    JsonNode col = root.get("columns").get(0);
    assertThat(col.get("name").asString()).isEqualTo("x");
    assertThat(col.get("head").asInt()).isEqualTo(2);
    assertThat(col.get("paneSizes").toString()).isEqualTo("[2,2,1]");
    assertThat(col.get("panes").get(2).toString()).isEqualTo("[0,0,1,0,0,0]");
    assertThat(root.get("reference").get("columns").get(2).get("binning").get("scale").asString())
        .isEqualTo("EPOCH_DAY");

    WindowProfile restored = WindowProfile.fromJson(w.toJson());
    // fills the current pane, then starts over the oldest one: [8, -1], [2, 9], [9]
    restored.update(x, 9);
    restored.update(x, 9);
    assertThat(restored.snapshot().column("x").counts()).containsExactly(1, 0, 1, 0, 3, 0);
  }

  @Test
  void aTimeWindowRestoredAfterDowntimeDropsThePanesThatEnded() {
    MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    WindowProfile w = WindowProfile.of(WindowProfileRestartProperties.reference(),
        Window.tumblingTime(Duration.ofMinutes(1)), clock);
    int x = w.columnIndex("x");
    w.update(x, 0.5);
    String saved = w.toJson();
    clock.advance(Duration.ofMillis(30_000));
    WindowProfile sameMinute = WindowProfile.fromJson(saved, clock);
    sameMinute.update(x, 0.7);
    assertThat(sameMinute.snapshot().column("x").counts()).containsExactly(0, 2, 0, 0, 0, 0);
    clock.advance(Duration.ofMillis(60_000));
    WindowProfile nextMinute = WindowProfile.fromJson(sameMinute.toJson(), clock);
    assertThat(nextMinute.snapshot().column("x").total()).isZero();
    assertThat(nextMinute.lastCompleted().column("x").counts()).containsExactly(0, 2, 0, 0, 0, 0);
  }

  @Test
  void refusesDocumentsThatAreNotWindowsOrBreakItsInvariants() {
    WindowProfile w = WindowProfile.of(WindowProfileRestartProperties.reference(), Window.slidingCount(4, 2));
    w.update(w.columnIndex("x"), 1.5);
    String good = w.toJson();

    assertRefused("not json", "malformed");
    assertRefused("[]", "not a mlops-drift-window");
    assertRefused(DatasetProfileJson.of(WindowProfileRestartProperties.reference()), "not a mlops-drift-window");
    assertRefused(edit(good, r -> r.put("version", 2)), "version 2 is not supported");
    assertRefused(edit(good, r -> r.remove("reference")), "'reference' is missing");
    assertRefused(edit(good, r -> ((ObjectNode) r.get("window")).put("panes", 3)), "multiple of its 3 panes");
    assertRefused(edit(good, r -> ((ObjectNode) r.get("window")).put("duration", "soon")), "ISO-8601");
    assertRefused(edit(good, r -> column(r).put("name", "y")), "must be 'x'");
    assertRefused(edit(good, r -> column(r).put("head", 2)), "head 2 is not a pane");
    assertRefused(edit(good, r -> ((ArrayNode) column(r).get("panes").get(0)).set(0, -1)), "non-negative");
    assertRefused(edit(good, r -> ((ArrayNode) column(r).get("panes").get(0)).add(0)), "array of 6 counts");
    assertRefused(edit(good, r -> ((ArrayNode) column(r).get("paneSizes")).set(0, 2)), "its size says 2");
    assertRefused(edit(good, r -> {
      ((ArrayNode) column(r).get("panes").get(0)).set(0, 2);
      ((ArrayNode) column(r).get("paneSizes")).set(0, 3);
    }), "more than a pane of 2");
    assertRefused(edit(good, r -> ((ArrayNode) r.get("columns")).remove(1)), "one per reference column");
    assertRefused(edit(good, r -> r.put("completed", true)), "sliding window has no completed");
    assertRefused(edit(good, r -> r.put("currentPane", 12)), "currentPane");
    assertRefused(edit(good, r -> ((ObjectNode) r.get("reference").get("columns").get(0).get("binning"))
        .putArray("edges").add(3).add(1)), "strictly increasing");
  }

  private static ObjectNode column(ObjectNode root) {
    return (ObjectNode) root.get("columns").get(0);
  }

  private static String edit(String json, java.util.function.Consumer<ObjectNode> change) {
    ObjectNode root = (ObjectNode) MAPPER.readTree(json);
    change.accept(root);
    return MAPPER.writeValueAsString(root);
  }

  private static void assertRefused(String json, String message) {
    assertThatThrownBy(() -> WindowProfile.fromJson(json)).isInstanceOf(CorruptedDataException.class)
        .hasMessageContaining(message);
  }

  /** A drift profile document, which is not a window document. */
  private static final class DatasetProfileJson {
    static String of(DatasetProfile p) {
      return p.toJson();
    }
  }
}
