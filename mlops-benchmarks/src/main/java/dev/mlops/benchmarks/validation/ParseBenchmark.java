package dev.mlops.benchmarks.validation;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import com.ethlo.time.ITU;
import dev.mlops.validation.Column;
import dev.mlops.validation.Table;
import dev.mlops.validation.internal.table.IsoDateTimes;
import dev.mlops.validation.internal.table.Utf8Values;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Field parsers on realistic fields, 100,000 per operation, taken from {@link ValidationData}'s CSV text: the
 * {@code amount} doubles as the CSV writes them ({@code Double.toString}, 15 to 17 significant digits), or
 * two-decimal prices ({@code 199.99}); the {@code ts} instants ({@code 2024-09-22T08:52:26Z}). Each parser reads
 * byte ranges of one array, as the CSV reader hands them over.
 *
 * <ul>
 *   <li>doubles: our {@link Utf8Values#parseDoubleBits} (grammar check and Eisel-Lemire in one pass) against
 *       FastDoubleParser's {@code JavaDoubleParser.parseDouble(byte[], int, int)} and, as the baseline,
 *       {@code Double.parseDouble} on a new string;
 *   <li>timestamps: our {@link IsoDateTimes#parseTimestampOrMin} against ethlo ITU's RFC 3339
 *       {@code ITU.parseDateTime} (it reads strings, so a string is made per field) and, as the baseline, the
 *       reader's former path, {@code OffsetDateTime.parse} on a new string.
 * </ul>
 *
 * <p>Run: {@code java -jar mlops-benchmarks/target/benchmarks.jar ParseBenchmark}.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ParseBenchmark {
  private static final int FIELDS = 100_000;

  /** Which doubles: {@code amount} as the CSV writes it, or two-decimal prices. */
  @Param({"amount", "price"})
  String doubles;

  private byte[] numberBytes;
  private int[] numberStarts;
  private byte[] timeBytes;
  private int[] timeStarts;

  /** Lays the fields out in two byte arrays. */
  @Setup
  public void setUp() {
    Table t = ValidationData.table(FIELDS);
    Column amount = t.column("amount");
    Column ts = t.column("ts");
    ByteArrayOutputStream nums = new ByteArrayOutputStream();
    ByteArrayOutputStream times = new ByteArrayOutputStream();
    numberStarts = new int[FIELDS + 1];
    timeStarts = new int[FIELDS + 1];
    for (int r = 0; r < FIELDS; r++) {
      numberStarts[r] = nums.size();
      timeStarts[r] = times.size();
      double v = amount.isNull(r) ? 100.0 : amount.getDouble(r);
      String text = doubles.equals("price") ? String.format("%.2f", v) : Double.toString(v);
      nums.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
      times.writeBytes(ts.format(r).getBytes(StandardCharsets.US_ASCII));
    }
    numberStarts[FIELDS] = nums.size();
    timeStarts[FIELDS] = times.size();
    numberBytes = nums.toByteArray();
    timeBytes = times.toByteArray();
  }

  /**
   * Our double parser.
   *
   * @return a sum of the bits
   */
  @Benchmark
  public long doublesOwn() {
    long s = 0;
    for (int r = 0; r < FIELDS; r++) {
      s += Utf8Values.parseDoubleBits(numberBytes, numberStarts[r], numberStarts[r + 1]);
    }
    return s;
  }

  /**
   * FastDoubleParser from the bytes.
   *
   * @return a sum of the bits
   */
  @Benchmark
  public long doublesFastDoubleParser() {
    long s = 0;
    for (int r = 0; r < FIELDS; r++) {
      int from = numberStarts[r];
      s += Double.doubleToRawLongBits(JavaDoubleParser.parseDouble(numberBytes, from, numberStarts[r + 1] - from));
    }
    return s;
  }

  /**
   * The baseline: the JDK on a new string per field.
   *
   * @return a sum of the bits
   */
  @Benchmark
  public long doublesJdk() {
    long s = 0;
    for (int r = 0; r < FIELDS; r++) {
      int from = numberStarts[r];
      s += Double.doubleToRawLongBits(Double.parseDouble(new String(numberBytes, from, numberStarts[r + 1] - from,
          StandardCharsets.ISO_8859_1)));
    }
    return s;
  }

  /**
   * Our timestamp parser.
   *
   * @return a sum of the epoch microseconds
   */
  @Benchmark
  public long timestampsOwn() {
    long s = 0;
    for (int r = 0; r < FIELDS; r++) {
      s += IsoDateTimes.parseTimestampOrMin(timeBytes, timeStarts[r], timeStarts[r + 1]);
    }
    return s;
  }

  /**
   * ethlo ITU's RFC 3339 parser on a new string per field.
   *
   * @return a sum of the epoch microseconds
   */
  @Benchmark
  public long timestampsItu() {
    long s = 0;
    for (int r = 0; r < FIELDS; r++) {
      int from = timeStarts[r];
      OffsetDateTime t = ITU.parseDateTime(new String(timeBytes, from, timeStarts[r + 1] - from,
          StandardCharsets.ISO_8859_1));
      s += t.toEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }
    return s;
  }

  /**
   * The baseline: {@code java.time} on a new string per field (the CSV reader's former path, without its second
   * parse).
   *
   * @return a sum of the epoch microseconds
   */
  @Benchmark
  public long timestampsJavaTime() {
    long s = 0;
    for (int r = 0; r < FIELDS; r++) {
      int from = timeStarts[r];
      Instant t = OffsetDateTime.parse(new String(timeBytes, from, timeStarts[r + 1] - from,
          StandardCharsets.ISO_8859_1)).toInstant();
      s += t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }
    return s;
  }
}
