package dev.mlops.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.InvalidInputException;
import dev.mlops.validation.io.TableReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableOperationsTest {
  @TempDir Path dir;

  private static Table people() {
    return Table.builder().column("name", ColumnType.STRING).column("age", ColumnType.LONG)
        .column("score", ColumnType.DOUBLE)
        .row("ann", 31L, 0.5)
        .row("bob", null, 0.25)
        .row(null, 45L, Double.NaN)
        .row("dee", 19L, null)
        .build();
  }

  @Test
  void aNullCellNeverReadsAsANumber() {
    Table t = people();
    assertThat(t.column("age").getDouble(1)).isNaN();
    assertThat(t.column("score").getDouble(3)).isNaN();
    assertThat(t.column("score").isNull(3)).isTrue();
    assertThat(t.column("score").isNull(2)).isFalse();
    Column concatenated = Table.concat(List.of(t, t)).column("age");
    assertThat(concatenated.getDouble(5)).isNaN();
    assertThat(t.select(new int[] {3, 1}).column("score").getDouble(0)).isNaN();
    assertThat(t.column("age").rename("years").getDouble(1)).isNaN();
  }

  @Test
  void aNullLongOrBooleanCellIsAnErrorOrTheFallbackTheCallerNames() {
    Table t = Table.builder().column("age", ColumnType.LONG).column("day", ColumnType.DATE)
        .column("ok", ColumnType.BOOLEAN)
        .row(31L, LocalDate.of(2024, 2, 29), true)
        .row(null, null, null)
        .build();
    for (String c : List.of("age", "day")) {
      Column col = t.column(c);
      assertThatThrownBy(() -> col.getLong(1)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("column '" + c + "' is null at row 1").hasMessageContaining("isNull(1)")
          .hasMessageContaining("getLong(1, ");
      assertThat(col.getLong(1, -1L)).isEqualTo(-1L);
      assertThat(Table.concat(List.of(t, t)).column(c).getLong(3, 7L)).isEqualTo(7L);
    }
    assertThat(t.column("age").getLong(0)).isEqualTo(31L);
    assertThat(t.column("age").getLong(0, -1L)).isEqualTo(31L);
    assertThatThrownBy(() -> t.column("ok").getBoolean(1)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("column 'ok' is null at row 1").hasMessageContaining("getBoolean(1, ");
    assertThat(t.column("ok").getBoolean(1, true)).isTrue();
    assertThat(t.column("ok").getBoolean(0)).isTrue();
    assertThat(t.column("ok").getBoolean(0, false)).isTrue();
    assertThatThrownBy(() -> t.column("ok").getLong(0, 0L)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is BOOLEAN");
    assertThatThrownBy(() -> t.column("age").getBoolean(0, false)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is LONG");
  }

  @Test
  void aLambdaRuleReadingANullLongFailsTheRowWithTheReasonNotWithZero() {
    Table t = Table.builder().column("id", ColumnType.LONG).row(5L).row((Object) null).build();
    ValidationSuite suite = ValidationSuite.builder("s")
        .addCheck(Check.error("c").satisfies("id positive", row -> row.getLong("id") > 0)).build();
    ValidationResult result = suite.run(t);
    assertThat(result.status()).isEqualTo(ValidationStatus.FAILED);
    assertThat(result.toJson()).contains("column 'id' is null at row 1");
  }

  @Test
  void columnsAreOneSubtypePerStorageKind() {
    Table t = Table.builder().column("d", ColumnType.DATE).column("b", ColumnType.BOOLEAN)
        .row(LocalDate.of(2024, 2, 29), true).build();
    assertThat(t.column("d")).isInstanceOf(LongColumn.class);
    assertThat(t.column("b")).isInstanceOf(BooleanColumn.class);
    assertThat(people().column("name")).isInstanceOf(StringColumn.class);
    assertThat(people().column("score")).isInstanceOf(DoubleColumn.class);
    Column d = t.column("d");
    String kind = d instanceof LongColumn l ? "long " + l.getLong(0) : "other";
    assertThat(kind).isEqualTo("long " + LocalDate.of(2024, 2, 29).toEpochDay());
    assertThatThrownBy(() -> t.column("d").getDouble(0)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'d' is DATE");
  }

  @Test
  void filterKeepsTheAcceptedRowsInOrder() {
    Table t = people();
    Table adults = t.filter(RowFilter.ge("age", 20));
    assertThat(adults.column("name").getString(0)).isEqualTo("ann");
    assertThat(adults.column("name").isNull(1)).isTrue();
    assertThat(adults.rowCount()).isEqualTo(2);
    assertThat(t.filter(RowFilter.isNull("name")).column("age").getLong(0)).isEqualTo(45L);
    assertThatThrownBy(() -> t.filter(RowFilter.gt("height", 1))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("height");
    assertThatThrownBy(() -> t.filter(RowFilter.gt("name", 1))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("name");
  }

  @Test
  void selectKeepsTheNamedColumnsInTheGivenOrder() {
    Table t = people().select("score", "name");
    assertThat(t.columnNames()).containsExactly("score", "name");
    assertThat(t.rowCount()).isEqualTo(4);
    assertThatThrownBy(() -> people().select("nope")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("nope").hasMessageContaining("[name, age, score]");
    assertThatThrownBy(() -> people().select("age", "age")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("twice");
  }

  @Test
  void dropNullsDropsRowsWithANullInTheNamedColumnsOrAnyColumn() {
    Table t = people();
    assertThat(t.dropNulls().column("name").getString(0)).isEqualTo("ann");
    assertThat(t.dropNulls().rowCount()).isEqualTo(1);
    Table byAge = t.dropNulls("age");
    assertThat(byAge.rowCount()).isEqualTo(3);
    assertThat(byAge.column("score").getDouble(1)).as("NaN is a value, kept").isNaN();
    assertThat(byAge.column("score").isNull(1)).isFalse();
    assertThat(t.dropNulls("score").rowCount()).isEqualTo(3);
    assertThatThrownBy(() -> t.dropNulls("nope")).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void headTakesTheFirstRows() {
    assertThat(people().head(2).rowCount()).isEqualTo(2);
    assertThat(people().head(2).column("name").getString(1)).isEqualTo("bob");
    assertThat(people().head(0).rowCount()).isZero();
    assertThat(people().head(99).rowCount()).isEqualTo(4);
    assertThatThrownBy(() -> people().head(-1)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("-1");
  }

  @Test
  void writeCsvQuotesOnlyWhatMustBeQuotedAndReadsBack() throws Exception {
    Table t = Table.builder().column("text", ColumnType.STRING).column("n", ColumnType.LONG)
        .row("plain", 1L).row("a, \"b\"", null).row("", 3L).row("NA", 4L).row(null, 5L).row("two\nlines ", 6L)
        .build();
    Path f = dir.resolve("t.csv");
    t.writeCsv(f);
    assertThat(Files.readString(f, StandardCharsets.UTF_8)).isEqualTo("text,n\r\nplain,1\r\n\"a, \"\"b\"\"\",\r\n"
        + "\"\",3\r\n\"NA\",4\r\n,5\r\n\"two\nlines \",6\r\n");
    assertSameTable(TableReader.readCsv(f), t);
  }

  @Test
  void aOneColumnTableWritesNullAsNaSoNoRecordIsABlankLine() throws Exception {
    Table t = Table.of(Column.ofStrings("s", "x", null, ""));
    Path f = dir.resolve("one.csv");
    t.writeCsv(f);
    assertThat(Files.readString(f, StandardCharsets.UTF_8)).isEqualTo("s\r\nx\r\nNA\r\n\"\"\r\n");
    assertSameTable(TableReader.readCsv(f), t);
  }

  @Test
  void writeJsonReadsBackWithTheSchemaDeclared() throws Exception {
    Table t = Table.builder().column("s", ColumnType.STRING).column("l", ColumnType.LONG)
        .column("d", ColumnType.DOUBLE).column("b", ColumnType.BOOLEAN).column("day", ColumnType.DATE)
        .column("at", ColumnType.TIMESTAMP)
        .row("q\"\\\n\u0001\u00e9", Long.MIN_VALUE, -0.0, true, LocalDate.of(1969, 12, 31),
            Instant.parse("2024-01-02T03:04:05.123456Z"))
        .row(null, null, Double.NaN, null, null, null)
        .row("", 7L, Double.NEGATIVE_INFINITY, false, LocalDate.of(2024, 2, 29), Instant.EPOCH)
        .build();
    Path f = dir.resolve("t.json");
    t.writeJson(f);
    assertThat(Files.readString(f)).startsWith("[\n{\"s\":\"q\\\"\\\\\\n\\u0001\u00e9\",\"l\":-9223372036854775808,");
    assertSameTable(TableReader.readJson(f, t.schema()), t);
  }

  @Test
  void aFailedWriteLeavesTheOldFileAsItWas() throws Exception {
    Path f = dir.resolve("keep.csv");
    Files.writeString(f, "old\n");
    Table bad = Table.of(Column.ofStrings("s", "ok", "\ud800 unpaired"));
    assertThatThrownBy(() -> bad.writeCsv(f)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("surrogate");
    assertThat(Files.readString(f)).isEqualTo("old\n");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("keep.csv");
    }
  }

  /** Asserts equal schema and equal values, doubles compared by their bits. */
  static void assertSameTable(Table actual, Table expected) {
    assertThat(actual.schema()).isEqualTo(expected.schema());
    assertThat(actual.rowCount()).isEqualTo(expected.rowCount());
    for (Column e : expected.columns()) {
      Column a = actual.column(e.name());
      for (int r = 0; r < e.size(); r++) {
        assertThat(a.isNull(r)).as("null at %s row %d", e.name(), r).isEqualTo(e.isNull(r));
        if (e.isNull(r)) {
          continue;
        }
        if (e.type() == ColumnType.DOUBLE) {
          assertThat(Double.doubleToLongBits(a.getDouble(r))).as("%s row %d", e.name(), r)
              .isEqualTo(Double.doubleToLongBits(e.getDouble(r)));
        } else {
          assertThat(a.get(r)).as("%s row %d", e.name(), r).isEqualTo(e.get(r));
        }
      }
    }
    assertThat(Arrays.asList(actual.columnNames().toArray())).isEqualTo(expected.columnNames());
  }
}
