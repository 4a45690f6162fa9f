package dev.mlops.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the conformance corpus under {@code src/test/resources/conformance/}: each case is a (data, rule, expected
 * outcome) triple; the rule is read through the suite JSON format, so the corpus also pins that format. An
 * expectation may also pin the rule's description, the rows that row-level validation reports (key rules: every
 * copy of a duplicated key), or the reason row-level validation gives for not applying a table-level rule.
 */
class ConformanceTest {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final List<String> FILES = List.of("rules.json", "aggregates-oracle.json", "row-level.json");

  static Stream<Arguments> cases() throws IOException {
    List<Arguments> out = new ArrayList<>();
    for (String file : FILES) {
      JsonNode root;
      try (InputStream in = ConformanceTest.class.getResourceAsStream("/conformance/" + file)) {
        root = MAPPER.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
      for (JsonNode group : root.path("groups").values()) {
        Table table = table(group.path("data").path("columns"));
        for (JsonNode c : group.path("cases").values()) {
          out.add(Arguments.of(file + ": " + c.path("name").asString(), table, c.path("rule"), c.path("expect")));
        }
      }
    }
    return out.stream();
  }

  private static Table table(JsonNode columns) {
    List<Column> cols = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : columns.properties()) {
      ColumnType type = ColumnType.valueOf(e.getValue().path("type").asString());
      Column.Builder b = Column.builder(e.getKey(), type);
      for (JsonNode v : e.getValue().path("values").values()) {
        if (v.isNull()) {
          b.addNull();
        } else if (type == ColumnType.DOUBLE) {
          b.addDouble(v.isString() ? Double.parseDouble(v.stringValue()) : v.doubleValue());
        } else if (type == ColumnType.LONG) {
          b.addLong(v.longValue());
        } else if (type == ColumnType.BOOLEAN) {
          b.addBoolean(v.booleanValue());
        } else if (type == ColumnType.DATE) {
          b.addLong(LocalDate.parse(v.stringValue()).toEpochDay());
        } else {
          b.addString(v.stringValue());
        }
      }
      cols.add(b.build());
    }
    return Table.of(cols);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void caseHolds(String name, Table table, JsonNode rule, JsonNode expect) {
    String suiteJson = "{\"schema\":\"mlops.validation.suite/v1\",\"name\":\"conformance\",\"checks\":[{\"name\":\"c\","
        + "\"severity\":\"ERROR\",\"rules\":[" + rule + "]}]}";
    ValidationSuite suite = ValidationSuite.fromJson(suiteJson);
    for (int parallelism : new int[] {1, 3}) {
      RuleResult r = suite.toBuilder().parallelism(parallelism).build().run(table).results().get(0);
      assertThat(r.status().name()).as("status; %s", r.message()).isEqualTo(expect.path("status").asString());
      if (expect.has("observed")) {
        JsonNode o = expect.get("observed");
        if (o.isNull()) {
          assertThat(r.observedValue()).as("observed").isNull();
        } else if (o.isString()) {
          double want = Double.parseDouble(o.stringValue());
          if (Double.isNaN(want)) {
            assertThat(r.observedValue()).as("observed").isNaN();
          } else {
            assertThat(r.observedValue()).as("observed").isEqualTo(want);
          }
        } else {
          double want = o.doubleValue();
          assertThat(r.observedValue()).as("observed; %s", r.message())
              .isCloseTo(want, within(1e-9 * Math.max(1.0, Math.abs(want))));
        }
      }
      if (expect.has("elementCount")) {
        assertThat(r.elementCount()).as("elementCount").isEqualTo(expect.get("elementCount").longValue());
      }
      if (expect.has("unexpectedCount")) {
        assertThat(r.unexpectedCount()).as("unexpectedCount; %s", r.message())
            .isEqualTo(expect.get("unexpectedCount").longValue());
      }
      if (expect.has("errorBound")) {
        assertThat(r.errorBound()).as("errorBound").isEqualTo(expect.get("errorBound").doubleValue());
      }
      if (expect.has("samples")) {
        List<ValueCount> want = new ArrayList<>();
        expect.get("samples").values().forEach(s -> want.add(new ValueCount(s.path("value").asString(),
            s.path("count").longValue())));
        assertThat(r.samples()).as("samples").isEqualTo(want);
      }
      if (expect.has("message")) {
        assertThat(r.message()).contains(expect.get("message").asString());
      }
      if (expect.has("description")) {
        assertThat(r.rule()).isEqualTo(expect.get("description").asString());
      }
    }
    if (expect.has("rows")) {
      List<Long> want = new ArrayList<>();
      expect.get("rows").values().forEach(v -> want.add(v.longValue()));
      List<Long> got = new ArrayList<>();
      RowLevelReport report = suite.validateRows(table, v -> got.add(v.row()));
      assertThat(got).as("offending rows").isEqualTo(want);
      assertThat(report.skippedRules()).as("skipped").isEmpty();
      assertThat(suite.split(table).invalid().rowCount()).isEqualTo(want.size());
    }
    if (expect.has("rowLevel")) {
      RowLevelReport report = suite.validateRows(table, v -> { });
      assertThat(report.skippedRules()).singleElement()
          .satisfies(sk -> assertThat(sk.reason()).contains(expect.get("rowLevel").asString()));
      assertThat(report.offendingRows()).isZero();
    }
  }
}
