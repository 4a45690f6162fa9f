package dev.mlops.validation.internal.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.InvalidInputException;
import dev.mlops.validation.Column;
import dev.mlops.validation.StringColumn;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.CsvOptions;
import dev.mlops.validation.Table;
import dev.mlops.validation.TableChunks;
import dev.mlops.validation.io.TableReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Edge cases of the byte-level, block-parallel CSV reader: block boundaries, whole-file typing, encodings. */
class CsvEdgeCasesTest {
  private static final String TRICKY = "\uFEFFname,note,n\r\n"
      + "\"a\nb\",\"x,\"\"y\"\"\",1\r\n"
      + "é€😀,\"\r\n\",2\r\n"
      + "\r\n"
      + "中文,\"\"\"\",3\r\n"
      + "plain,NA,4\r\n"
      + "\"multi\nline\nvalue\",\"😀😀\",5";

  private static Table read(String text, int blockBytes, int threads) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return ParallelCsvReader.read(() -> new ByteArrayInputStream(b), "t", CsvOptions.defaults(), blockBytes,
        threads);
  }

  private static List<Object> rows(Table t) {
    List<Object> out = new ArrayList<>();
    for (int r = 0; r < t.rowCount(); r++) {
      out.add(t.row(r));
    }
    return out;
  }

  @Test
  void everyBlockSizeCutsAtTheSameRecordsAsOneBlock() {
    Table whole = read(TRICKY, 1 << 16, 1);
    assertThat(whole.rowCount()).isEqualTo(5);
    assertThat(whole.column("name").getString(0)).isEqualTo("a\nb");
    assertThat(whole.column("note").getString(0)).isEqualTo("x,\"y\"");
    assertThat(whole.column("name").getString(1)).isEqualTo("é€😀");
    assertThat(whole.column("note").getString(1)).isEqualTo("\r\n");
    assertThat(whole.column("note").getString(2)).isEqualTo("\"");
    assertThat(whole.column("note").isNull(3)).isTrue();
    assertThat(whole.column("name").getString(4)).isEqualTo("multi\nline\nvalue");
    for (int block = 1; block <= 80; block++) {
      for (int threads = 1; threads <= 2; threads++) {
        assertThat(rows(read(TRICKY, block, threads))).as("block %d", block).isEqualTo(rows(whole));
      }
    }
  }

  @Test
  void errorsNameTheFileLineWhateverBlockTheyFallIn() {
    StringBuilder sb = new StringBuilder("a,b\r\n");
    int line = 2;
    for (int i = 0; i < 30; i++) {
      sb.append(i % 3 == 0 ? "\"x\ny\"," + i + "\r\n" : "z," + i + "\r\n");
      line += i % 3 == 0 ? 2 : 1;
    }
    sb.append("only-one-field\r\nq,1\r\n");
    String text = sb.toString();
    for (int block = 3; block <= 120; block += 7) {
      int b = block;
      assertThatThrownBy(() -> read(text, b, 2)).isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("line " + line + " has 1 fields");
    }
  }

  @Test
  void aColumnIsTypedFromAllItsValuesNotTheFirstBlock() {
    StringBuilder sb = new StringBuilder("n,s,e\n");
    for (int i = 0; i < 500; i++) {
      sb.append(i).append(',').append(i).append(",\n");
    }
    sb.append("1.5,007x,\n");
    Table t = read(sb.toString(), 64, 2);
    assertThat(t.schema()).containsEntry("n", ColumnType.DOUBLE).containsEntry("s", ColumnType.STRING)
        .containsEntry("e", ColumnType.STRING);
    assertThat(t.column("n").getDouble(3)).isEqualTo(3.0);
    assertThat(t.column("n").getDouble(500)).isEqualTo(1.5);
    assertThat(t.column("s").getString(7)).isEqualTo("7");
    assertThat(t.column("s").getString(500)).isEqualTo("007x");
    assertThat(t.column("e").nullCount()).isEqualTo(501);
  }

  @Test
  void anAllNullBlockTakesTheTypeOfTheOthers() {
    StringBuilder sb = new StringBuilder("n\n");
    for (int i = 0; i < 200; i++) {
      sb.append(i < 100 ? "NA" : String.valueOf(i)).append('\n');
    }
    Table t = read(sb.toString(), 32, 2);
    assertThat(t.column("n").type()).isEqualTo(ColumnType.LONG);
    assertThat(t.column("n").nullCount()).isEqualTo(100);
    assertThat(t.column("n").getLong(150)).isEqualTo(150);
  }

  @Test
  void invalidUtf8IsReportedWithItsLine() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("s,t\nok,a\nok,a\n".getBytes(StandardCharsets.UTF_8));
    out.writeBytes(new byte[] {'b', 'a', 'd', (byte) 0xC3, '(', ',', 'a', '\n'});
    byte[] b = out.toByteArray();
    assertThatThrownBy(() -> ParallelCsvReader.read(() -> new ByteArrayInputStream(b), "t", CsvOptions.defaults(), 1 << 10,
        1)).isInstanceOf(InvalidInputException.class).hasMessageContaining("line 4").hasMessageContaining("UTF-8");
  }

  @Test
  void otherCharsetsAreReencoded(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("latin1.csv");
    Files.write(f, "name,v\ncafé,1\nna\u00efve,2\n".getBytes(StandardCharsets.ISO_8859_1));
    CsvOptions latin1 = CsvOptions.builder().charset(StandardCharsets.ISO_8859_1).build();
    Table t = TableReader.readCsv(f, latin1);
    assertThat(t.column("name").getString(0)).isEqualTo("café");
    assertThat(t.column("name").getString(1)).isEqualTo("naïve");
    try (TableChunks chunks = TableReader.readCsvChunks(f, latin1, 1)) {
      assertThat(chunks.next().column("name").getString(0)).isEqualTo("café");
      assertThat(chunks.next().column("name").getString(0)).isEqualTo("naïve");
      assertThat(chunks.hasNext()).isFalse();
    }
  }

  @Test
  void delimiterAndQuoteMustBeAscii() {
    assertThatThrownBy(() -> CsvOptions.builder().delimiter('§')).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("ASCII");
    assertThatThrownBy(() -> CsvOptions.builder().quote('«')).isInstanceOf(InvalidInputException.class);
    CsvOptions o = CsvOptions.builder().delimiter(';').quote('\'').header(false).columnType("c1", ColumnType.LONG)
        .build();
    CsvOptions copy = o.toBuilder().build();
    assertThat(copy.delimiter()).isEqualTo(';');
    assertThat(copy.quote()).isEqualTo('\'');
    assertThat(copy.header()).isFalse();
    assertThat(copy.columnTypes()).isEqualTo(o.columnTypes());
    assertThat(copy.nullTokens()).isEqualTo(o.nullTokens());
  }

  @Test
  void emptyAndHeaderOnlyInputsAreErrors() {
    assertThatThrownBy(() -> read("\n\r\n", 16, 1)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> read("a,b\n", 16, 1)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("no rows");
  }

  @Test
  void distinctStringsReadAsBytesBehaveLikeAnyStringColumn() {
    StringBuilder sb = new StringBuilder("id,email\n");
    for (int i = 0; i < 300; i++) {
      sb.append(i).append(',').append(i % 50 == 0 ? "" : i % 70 == 0 ? "\"\"" : "user" + i + "@ex.com").append('\n');
    }
    Table t = read(sb.toString(), 100, 2);
    Column email = t.column("email");
    assertThat(email.type()).isEqualTo(ColumnType.STRING);
    assertThat(email.isNull(0)).isTrue();
    assertThat(email.getString(0)).isNull();
    assertThat(email.get(0)).isNull();
    assertThat(email.getString(70)).isEmpty();
    assertThat(email.getString(7)).isEqualTo("user7@ex.com");
    assertThat(email.nullCount()).isEqualTo(6);
    Column picked = email.select(new int[] {7, 0, 70});
    assertThat(picked.getString(0)).isEqualTo("user7@ex.com");
    assertThat(picked.isNull(1)).isTrue();
    assertThat(picked.getString(2)).isEmpty();
    assertThat(email.rename("mail").getString(8)).isEqualTo("user8@ex.com");
    Table mixed = Table.concat(List.of(t, Table.of(Column.ofLongs("id", 1), Column.ofStrings("email", "x@y.z"))));
    assertThat(mixed.column("email").getString(300)).isEqualTo("x@y.z");
    assertThat(mixed.column("email").getString(7)).isEqualTo("user7@ex.com");
    assertThat(mixed.column("email").isNull(50)).isTrue();
    Table twice = Table.concat(List.of(t, t));
    assertThat(twice.column("email").getString(307)).isEqualTo("user7@ex.com");
    assertThat(twice.column("email").isNull(350)).isTrue();
    assertThat(twice.column("email").getString(370)).isEmpty();
  }

  @Test
  void readmeSnippet(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("orders.csv");
    Files.writeString(file, "id,category,amount,day,email\n"
        + "1,books,12.5,2024-03-01,a@x.org\n"
        + "2,NA,7,2024-03-02,\"b, \"\"quoted\"\"\"\n");
    Table orders = TableReader.readCsv(file); // types from every value, parsed on all cores
    CsvOptions typed = CsvOptions.builder()
        .columnType("amount", ColumnType.DOUBLE)
        .nullTokens(java.util.Set.of("", "NA"))
        .build();
    long rows = 0;
    try (TableChunks chunks = TableReader.readCsvChunks(file, typed, 100_000)) { // bounded memory
      while (chunks.hasNext()) {
        rows += chunks.next().rowCount();
      }
    }
    assertThat(orders.schema()).containsEntry("id", ColumnType.LONG).containsEntry("amount", ColumnType.DOUBLE)
        .containsEntry("day", ColumnType.DATE).containsEntry("email", ColumnType.STRING);
    assertThat(orders.column("category").isNull(1)).isTrue();
    assertThat(orders.column("email").getString(1)).isEqualTo("b, \"quoted\"");
    assertThat(rows).isEqualTo(2);
  }

  @Test
  void distinctStringsAreAStringColumnOverUtf8Bytes() {
    Table t = read("s\nfirst\n\"s\u00e9cond, \"\"q\"\"\"\n\nNA\n", 1 << 10, 1);
    assertThat(t.column("s")).isInstanceOf(StringColumn.class);
    assertThat(t.column("s").getString(1)).isEqualTo("s\u00e9cond, \"q\"");
    assertThat(t.column("s").isNull(2)).isTrue();
    assertThat(t.column("s").getString(2)).isNull();
  }
}
