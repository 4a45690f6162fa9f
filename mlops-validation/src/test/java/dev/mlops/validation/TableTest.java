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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableTest {
  @TempDir Path dir;

  @Test
  void csvHandlesQuotesEscapedQuotesEmbeddedNewlinesAndBom() throws Exception {
    Path f = dir.resolve("a.csv");
    Files.writeString(f, "\uFEFFid,name,score\r\n1,\"Smith, \"\"J\"\"\",2.5\r\n2,\"two\nlines\",NaN\r\n3,,\r\n",
        StandardCharsets.UTF_8);
    Table t = TableReader.readCsv(f);
    assertThat(t.columnNames()).containsExactly("id", "name", "score");
    assertThat(t.column("id").type()).isEqualTo(ColumnType.LONG);
    assertThat(t.column("score").type()).isEqualTo(ColumnType.DOUBLE);
    assertThat(t.column("name").getString(0)).isEqualTo("Smith, \"J\"");
    assertThat(t.column("name").getString(1)).isEqualTo("two\nlines");
    assertThat(t.column("name").isNull(2)).isTrue();
    assertThat(t.column("score").isNull(1)).isFalse();
    assertThat(Double.isNaN(t.column("score").getDouble(1))).isTrue();
    assertThat(t.column("score").isNull(2)).isTrue();
  }

  @Test
  void quotedEmptyFieldIsAnEmptyStringButUnquotedEmptyIsNull() {
    Table t = TableReader.parseCsv("a,b\n\"\",x\n,y\n", CsvOptions.defaults());
    assertThat(t.column("a").type()).isEqualTo(ColumnType.STRING);
    assertThat(t.column("a").getString(0)).isEmpty();
    assertThat(t.column("a").isNull(1)).isTrue();
  }

  @Test
  void infersBooleansDatesAndTimestamps() {
    Table t = TableReader.parseCsv("b,d,ts,s\ntrue,2024-02-29,2024-01-01T10:00:00Z,x\nFALSE,1970-01-01,2024-01-01 00:00:01,y\n",
        CsvOptions.defaults());
    assertThat(t.schema()).containsExactly(Map.entry("b", ColumnType.BOOLEAN), Map.entry("d", ColumnType.DATE),
        Map.entry("ts", ColumnType.TIMESTAMP), Map.entry("s", ColumnType.STRING));
    assertThat(t.column("d").get(0)).isEqualTo(LocalDate.of(2024, 2, 29));
    assertThat(t.column("d").getLong(1)).isZero(); // 1970-01-01 is epoch day 0, not a null
    assertThat(t.column("ts").get(0)).isEqualTo(Instant.parse("2024-01-01T10:00:00Z"));
    assertThat(t.column("b").getBoolean(1)).isFalse();
  }

  @Test
  void longBoundariesAndOverflow() {
    Table t = TableReader.parseCsv("a,b\n9223372036854775807,9223372036854775808\n-9223372036854775808,1\n+5,2\n",
        CsvOptions.defaults());
    assertThat(t.column("a").type()).isEqualTo(ColumnType.LONG);
    assertThat(t.column("a").getLong(0)).isEqualTo(Long.MAX_VALUE);
    assertThat(t.column("a").getLong(1)).isEqualTo(Long.MIN_VALUE);
    assertThat(t.column("a").getLong(2)).isEqualTo(5);
    assertThat(t.column("b").type()).as("an integer beyond 64 bits keeps its digits").isEqualTo(ColumnType.STRING);
    assertThat(t.column("b").getString(0)).isEqualTo("9223372036854775808");
    Table declared = TableReader.parseCsv("b\n9223372036854775808\n", CsvOptions.builder()
        .columnType("b", ColumnType.DOUBLE).build());
    assertThat(declared.column("b").getDouble(0)).as("declared DOUBLE accepts the rounding")
        .isEqualTo(9.223372036854775808e18);
  }

  @Test
  void doublesParseExactlyAsJavaDoes() {
    String[] texts = {"0.1", "-2.5e-3", "123456789012345678", "1.7976931348623157E308", "4.9e-324", ".5", "5.",
        "0.30000000000000004", "-0", "Infinity", "-inf", "nan"};
    StringBuilder csv = new StringBuilder("x\n");
    for (String s : texts) {
      csv.append(s).append('\n');
    }
    Table t = TableReader.parseCsv(csv.toString(), CsvOptions.defaults());
    assertThat(t.column("x").type()).isEqualTo(ColumnType.DOUBLE);
    for (int i = 0; i < 9; i++) {
      assertThat(t.column("x").getDouble(i)).isEqualTo(Double.parseDouble(texts[i]));
    }
    assertThat(t.column("x").getDouble(9)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(t.column("x").getDouble(10)).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(t.column("x").getDouble(11)).isNaN();
  }

  @Test
  void headerlessFilesNameColumnsAndKeepTheFirstRow() throws Exception {
    Table t = TableReader.parseCsv("1,a\n2,b\n3,\n", CsvOptions.builder().header(false).build());
    assertThat(t.columnNames()).containsExactly("c1", "c2");
    assertThat(t.rowCount()).isEqualTo(3);
    assertThat(t.column("c1").getLong(0)).isEqualTo(1);
    Path f = dir.resolve("noheader.csv");
    Files.writeString(f, "1,a\n2,b\n3,c\n");
    List<Table> chunks = new ArrayList<>();
    try (TableChunks it = TableReader.readCsvChunks(f, CsvOptions.builder().header(false).build(), 2)) {
      it.forEachRemaining(chunks::add);
    }
    assertThat(Table.concat(chunks).column("c2").getString(2)).isEqualTo("c");
    assertThat(chunks).hasSize(2);
  }

  @Test
  void invalidDateIsNotADate() {
    Table t = TableReader.parseCsv("d\n2023-02-29\n", CsvOptions.defaults());
    assertThat(t.column("d").type()).isEqualTo(ColumnType.STRING);
  }

  @Test
  void declaredTypeMismatchNamesLineAndColumn() {
    CsvOptions o = CsvOptions.builder().columnType("n", ColumnType.LONG).build();
    assertThatThrownBy(() -> TableReader.parseCsv("x,n\na,1\nb,\"2\"\nc,x3\n", o))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("line 4").hasMessageContaining("'n'")
        .hasMessageContaining("x3");
  }

  @Test
  void wrongFieldCountAndUnclosedQuoteAreReported() {
    assertThatThrownBy(() -> TableReader.parseCsv("a,b\n1,2\n3\n", CsvOptions.defaults()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("line 3 has 1 fields");
    assertThatThrownBy(() -> TableReader.parseCsv("a,b\n1,\"2\n", CsvOptions.defaults()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("line 2").hasMessageContaining("not closed");
    assertThatThrownBy(() -> TableReader.parseCsv("a,b\n1,\"2\"x\n", CsvOptions.defaults()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("after a closing quote");
  }

  @Test
  void customNullTokensAndDelimiter() {
    CsvOptions o = CsvOptions.builder().delimiter(';').nullTokens(Set.of("-")).build();
    Table t = TableReader.parseCsv("a;b\n-;1\n;2\n", o);
    assertThat(t.column("a").isNull(0)).isTrue();
    assertThat(t.column("a").isNull(1)).isFalse();
    assertThat(t.column("a").getString(1)).isEmpty();
  }

  @Test
  void chunkedCsvKeepsOneSchemaAndAllRows() throws Exception {
    StringBuilder sb = new StringBuilder("id,x\n");
    for (int i = 0; i < 1000; i++) {
      sb.append(i).append(',').append(i % 7 == 0 ? "" : Double.toString(i * 0.5)).append('\n');
    }
    Path f = dir.resolve("big.csv");
    Files.writeString(f, sb);
    List<Table> chunks = new ArrayList<>();
    try (TableChunks it = TableReader.readCsvChunks(f, CsvOptions.defaults(), 128)) {
      it.forEachRemaining(chunks::add);
    }
    assertThat(chunks).hasSize(8);
    assertThat(chunks).allSatisfy(c -> assertThat(c.schema()).isEqualTo(chunks.get(0).schema()));
    Table all = Table.concat(chunks);
    assertThat(all.rowCount()).isEqualTo(1000);
    assertThat(all.column("x").getDouble(999)).isEqualTo(499.5);
    assertThat(all.column("x").nullCount()).isEqualTo(143);
  }

  @Test
  void laterChunkThatBreaksTheSchemaFailsWithItsLine() throws Exception {
    Path f = dir.resolve("drift.csv");
    Files.writeString(f, "n\n1\n2\n2.5\n");
    try (TableChunks it = TableReader.readCsvChunks(f, CsvOptions.defaults(), 2)) {
      it.next();
      assertThatThrownBy(it::next).isInstanceOf(InvalidInputException.class).hasMessageContaining("line 4")
          .hasMessageContaining("declare");
    }
  }

  @Test
  void jsonArrayWithSpacesInKeysMissingKeysAndMixedTypes() {
    Table t = TableReader.parseJson("[{\"Beak Length (mm)\": 39.1, \"n\": 1, \"mix\": 1, \"sex\": \"MALE\"},"
        + "{\"Beak Length (mm)\": 40, \"n\": 2, \"mix\": \"a\"},"
        + "{\"Beak Length (mm)\": null, \"n\": 3, \"mix\": 2.5, \"sex\": \".\", \"obj\": {\"k\": [1]}}]");
    assertThat(t.rowCount()).isEqualTo(3);
    assertThat(t.column("Beak Length (mm)").type()).isEqualTo(ColumnType.DOUBLE);
    assertThat(t.column("Beak Length (mm)").isNull(2)).isTrue();
    assertThat(t.column("n").type()).isEqualTo(ColumnType.LONG);
    assertThat(t.column("mix").type()).isEqualTo(ColumnType.STRING);
    assertThat(t.column("mix").getString(0)).isEqualTo("1");
    assertThat(t.column("mix").getString(2)).isEqualTo("2.5");
    assertThat(t.column("sex").isNull(1)).isTrue();
    assertThat(t.column("obj").getString(2)).isEqualTo("{\"k\":[1]}");
  }

  @Test
  void jsonLines() {
    Table t = TableReader.parseJson("{\"a\": 1}\n{\"a\": 2, \"b\": true}\n\n{\"a\": 3}\n");
    assertThat(t.rowCount()).isEqualTo(3);
    assertThat(t.column("b").type()).isEqualTo(ColumnType.BOOLEAN);
    assertThat(t.column("b").isNull(0)).isTrue();
  }

  @Test
  void malformedJsonNamesTheLine() {
    assertThatThrownBy(() -> TableReader.parseJson("[{\"a\": 1},\n{\"a\": }]"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("line 2");
  }

  record Point(long id, double x, String label, LocalDate day) {}

  /** A bean. */
  public static final class Bean {
    private final int count;
    private final boolean active;

    Bean(int count, boolean active) {
      this.count = count;
      this.active = active;
    }

    public int getCount() {
      return count;
    }

    public boolean isActive() {
      return active;
    }
  }

  @Test
  void fromRecordsBeansAndMaps() {
    Table r = Table.fromRecords(List.of(new Point(1, 0.5, "a", LocalDate.of(2020, 1, 1)),
        new Point(2, Double.NaN, "b", LocalDate.of(2020, 1, 2))), Point.class);
    assertThat(r.schema()).containsExactly(Map.entry("id", ColumnType.LONG), Map.entry("x", ColumnType.DOUBLE),
        Map.entry("label", ColumnType.STRING), Map.entry("day", ColumnType.DATE));
    assertThat(r.column("x").isNull(1)).isFalse();
    Table b = Table.fromBeans(List.of(new Bean(3, true)), Bean.class);
    assertThat(b.schema()).containsExactly(Map.entry("active", ColumnType.BOOLEAN), Map.entry("count", ColumnType.LONG));
    Map<String, Object> m1 = new LinkedHashMap<>();
    m1.put("a", 1);
    m1.put("b", "x");
    Map<String, Object> m2 = new HashMap<>();
    m2.put("a", 2.5);
    Table m = Table.fromMaps(List.of(m1, m2));
    assertThat(m.column("a").type()).isEqualTo(ColumnType.DOUBLE);
    assertThat(m.column("b").isNull(1)).isTrue();
  }

  @Test
  void builderSelectAndNullsApartFromNaN() {
    Table t = Table.builder().column("x", ColumnType.DOUBLE).column("s", ColumnType.STRING)
        .row(1.0, "a").row(null, "").row(Double.NaN, null).build();
    assertThat(t.column("x").nullCount()).isEqualTo(1);
    assertThat(t.column("s").nullCount()).isEqualTo(1);
    Table sel = t.select(new int[] {2, 0});
    assertThat(Double.isNaN(sel.column("x").getDouble(0))).isTrue();
    assertThat(sel.column("s").isNull(0)).isTrue();
    assertThatThrownBy(() -> t.column("nope")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("[x, s]");
  }
}
