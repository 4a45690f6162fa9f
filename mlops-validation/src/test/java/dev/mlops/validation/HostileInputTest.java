package dev.mlops.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.InvalidInputException;
import dev.mlops.validation.drift.DatasetProfile;
import dev.mlops.validation.drift.DriftStatistics;
import dev.mlops.validation.drift.Window;
import dev.mlops.validation.drift.WindowProfile;
import dev.mlops.validation.io.TableReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Numbers and bytes that once lost precision silently or leaked another library's exception. */
class HostileInputTest {
  @TempDir Path dir;

  @Test
  void csvIntegersBeyondTheLongRangeKeepEveryDigit() {
    Table t = TableReader.parseCsv("id\n12345678901234567890\n12345678901234567891\n12345678901234567892\n"
        + "9223372036854775807\n", CsvOptions.defaults());
    Column id = t.column("id");
    assertThat(id.type()).isEqualTo(ColumnType.STRING);
    assertThat(id.getString(1)).isEqualTo("12345678901234567891");
    assertThat(id.getString(3)).isEqualTo("9223372036854775807");
    ValidationResult r = ValidationSuite.builder("ids").addCheck(Check.error("keys").isUnique("id")).build()
        .run(t);
    assertThat(r.status()).isEqualTo(ValidationStatus.PASSED);
  }

  @Test
  void csvDoubleBeyondItsRangeIsNeverAnInfinity() {
    Table inferred = TableReader.parseCsv("x\n1.5\n1e400\n", CsvOptions.defaults());
    assertThat(inferred.column("x").type()).isEqualTo(ColumnType.STRING);
    assertThat(inferred.column("x").getString(1)).isEqualTo("1e400");
    assertThatThrownBy(() -> TableReader.parseCsv("x\n1.5\n-1e400\n", CsvOptions.builder()
        .columnType("x", ColumnType.DOUBLE).build())).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("line 3").hasMessageContaining("-1e400");
    Table words = TableReader.parseCsv("x\n1.5\nInfinity\n", CsvOptions.defaults());
    assertThat(words.column("x").getDouble(1)).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void jsonIntegersBeyondTheLongRangeKeepEveryDigit() {
    Table t = TableReader.parseJson("[{\"id\": 12345678901234567890}, {\"id\": 12345678901234567891},"
        + " {\"id\": 9223372036854775807}, {\"id\": 0.5}]");
    Column id = t.column("id");
    assertThat(id.type()).isEqualTo(ColumnType.STRING);
    assertThat(id.getString(0)).isEqualTo("12345678901234567890");
    assertThat(id.getString(1)).isEqualTo("12345678901234567891");
    assertThat(id.getString(2)).isEqualTo("9223372036854775807");
  }

  @Test
  void jsonDoubleBeyondItsRangeFailsWithItsLine() {
    assertThatThrownBy(() -> TableReader.parseJson("[{\"x\": 1.5},\n{\"x\": 1e400}]"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("line 2").hasMessageContaining("1e400");
  }

  @Test
  void jsonWithMalformedUtf8NamesTheLine() throws Exception {
    Path f = dir.resolve("bad.json");
    byte[] head = "[{\"s\": \"ok\"},\n{\"s\": \"".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] tail = "\"}]".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] all = new byte[head.length + 1 + tail.length];
    System.arraycopy(head, 0, all, 0, head.length);
    all[head.length] = (byte) 0xFF;
    System.arraycopy(tail, 0, all, head.length + 1, tail.length);
    Files.write(f, all);
    assertThatThrownBy(() -> TableReader.readJson(f)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("line 2").hasMessageContaining("UTF-8");
  }

  @Test
  void fisherExactWithHugeCountsIsOurError() {
    long big = Long.MAX_VALUE / 2;
    assertThatThrownBy(() -> DriftStatistics.fisherExact(new long[][] {{big, 1}, {1, big}}))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("chiSquare");
  }

  @Test
  void chiSquareOnAnAllZeroTableIsOurError() {
    assertThatThrownBy(() -> DriftStatistics.chiSquare(new long[][] {{0, 0}, {0, 0}}))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("no counts");
  }

  @Test
  void anAbsurdWindowIsRefusedBeforeAnythingIsAllocated() {
    Table reference = Table.of(Column.ofDoubles("x", 1, 2, 3, 4, 5));
    DatasetProfile profile = DatasetProfile.fit(reference, dev.mlops.validation.drift.BinningOptions.defaults());
    assertThatThrownBy(() -> WindowProfile.of(profile, Window.slidingCount(2_000_000_000L, 1_000_000_000)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("panes");
    assertThat(WindowProfile.of(profile, Window.slidingCount(1000, 10))).isNotNull();
  }
}
