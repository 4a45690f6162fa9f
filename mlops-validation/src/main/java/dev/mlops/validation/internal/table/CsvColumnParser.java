package dev.mlops.validation.internal.table;

import dev.mlops.validation.Column;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.CsvOptions;
import dev.mlops.validation.StringColumn;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Turns the tokenized fields of one column of a chunk into a typed {@link Column}, parsing straight from the
 * bytes. With no type given, it infers one: the first of {@code LONG, DOUBLE, BOOLEAN, DATE, TIMESTAMP} that
 * every non-null field parses as, else {@code STRING}, by parsing optimistically and moving to the next
 * candidate at the first field that does not fit. Strings of a low-cardinality column share one object per
 * value through a small cache that switches itself off when it stops hitting. Stateless apart from its
 * configuration; safe to use from several threads at once.
 */
final class CsvColumnParser {
  private static final ColumnType[] INFERENCE_ORDER = {
    ColumnType.LONG, ColumnType.DOUBLE, ColumnType.BOOLEAN, ColumnType.DATE, ColumnType.TIMESTAMP, ColumnType.STRING
  };
  private static final int CACHE_SLOTS = 256;
  private static final int CACHE_TRIAL = 2048;

  private final String source;
  private final List<String> names;
  private final byte quote;
  private final byte[][] nullTokens;
  /** Bit {@code n} set when some null token is {@code n} bytes long (tokens of 64 bytes or more set bit 63). */
  private final long nullLengths;

  CsvColumnParser(String source, List<String> names, CsvOptions options) {
    this.source = source;
    this.names = List.copyOf(names);
    this.quote = (byte) options.quote();
    this.nullTokens = options.nullTokens().stream().map(t -> t.getBytes(StandardCharsets.UTF_8))
        .toArray(byte[][]::new);
    long mask = 0;
    for (byte[] t : nullTokens) {
      mask |= 1L << Math.min(t.length, 63);
    }
    this.nullLengths = mask;
  }

  /** The outcome for one column of a chunk: its type, or {@code null} when every field was null. */
  static final class Parsed {
    final @Nullable ColumnType type;
    final Column column;

    Parsed(@Nullable ColumnType type, Column column) {
      this.type = type;
      this.column = column;
    }
  }

  /**
   * Parses column {@code j} of the chunk.
   *
   * @param d the bytes the fields point into
   * @param f the fields, {@code f.rows} records of {@code names.size()} fields each
   * @param j the column index
   * @param type the type to parse as, or {@code null} to infer
   * @param mismatch the end of the message when a field does not parse as a given type
   * @return the column; with inference and only nulls, an all-null {@code STRING} column of type {@code null}
   * @throws CsvLineError if a field does not parse as the given type, or a string is not valid UTF-8
   */
  Parsed parse(byte[] d, CsvFields f, int j, @Nullable ColumnType type, String mismatch) {
    int rows = f.rows;
    boolean[] nul = new boolean[rows];
    int nonNull = markNulls(d, f, j, nul);
    if (type != null) {
      Attempt a = new Attempt();
      a.declared = true;
      Column c = tryBuild(type, d, f, j, nul, a);
      if (c == null) {
        int idx = a.failedRow * names.size() + j;
        throw new CsvLineError(source, f.rowLines[a.failedRow], ", column '" + names.get(j) + "' (field "
            + (j + 1) + "): '" + CsvTableReader.shorten(text(d, f.starts[idx], f.ends[idx], f.flags[idx]))
            + "' is not a valid " + type + mismatch);
      }
      return new Parsed(type, c);
    }
    if (nonNull == 0) {
      return new Parsed(null, tryBuild(ColumnType.STRING, d, f, j, nul, new Attempt()));
    }
    Attempt a = new Attempt();
    int first = 0;
    while (nul[first]) {
      first++;
    }
    int idx = first * names.size() + j;
    // every candidate before the first one this field fits would fail at once: skip them unbuilt
    int from = firstFitting(d, f.starts[idx], f.ends[idx], f.flags[idx]);
    for (int k = from; k < INFERENCE_ORDER.length; k++) {
      ColumnType t = INFERENCE_ORDER[k];
      Column c = tryBuild(t, d, f, j, nul, a);
      if (c != null) {
        return new Parsed(t, c);
      }
    }
    throw new IllegalStateException("STRING accepts every field");
  }

  private int firstFitting(byte[] d, int s, int e, byte flag) {
    byte[] src = d;
    if ((flag & CsvFields.ESCAPED) != 0) {
      src = unescape(d, s, e, null);
      e = unescapedLength(d, s, e);
      s = 0;
    }
    int k = 0;
    while (!fits(INFERENCE_ORDER[k], src, s, e)) {
      k++;
    }
    return k;
  }

  /** Where a typed parse stopped. */
  private static final class Attempt {
    int failedRow;
    /** The type was declared, not inferred: an integer beyond 64 bits may then round into a double. */
    boolean declared;
  }

  private int markNulls(byte[] d, CsvFields f, int j, boolean[] nul) {
    int ncol = names.size();
    int nonNull = 0;
    int[] starts = f.starts;
    int[] ends = f.ends;
    byte[] flags = f.flags;
    for (int r = 0, idx = j; r < nul.length; r++, idx += ncol) {
      boolean isNull = flags[idx] == 0 && isNullToken(d, starts[idx], ends[idx]);
      nul[r] = isNull;
      nonNull += isNull ? 0 : 1;
    }
    return nonNull;
  }

  private boolean isNullToken(byte[] d, int s, int e) {
    int len = e - s;
    if ((nullLengths & (1L << Math.min(len, 63))) == 0) {
      return false;
    }
    for (byte[] t : nullTokens) {
      if (t.length == len && Arrays.equals(d, s, e, t, 0, len)) {
        return true;
      }
    }
    return false;
  }

  private @Nullable Column tryBuild(ColumnType type, byte[] d, CsvFields f, int j, boolean[] nul, Attempt a) {
    int rows = f.rows;
    int ncol = names.size();
    int[] starts = f.starts;
    int[] ends = f.ends;
    byte[] flags = f.flags;
    if (type == ColumnType.STRING) {
      return repeats(d, f, j, nul) ? sharedStrings(d, f, j, nul) : utf8Strings(d, f, j, nul);
    }
    Column.Builder b = Column.builder(names.get(j), type, rows);
    byte[] scratch = null;
    for (int r = 0, idx = j; r < rows; r++, idx += ncol) {
      if (nul[r]) {
        b.addNull();
        continue;
      }
      byte[] src = d;
      int s = starts[idx];
      int e = ends[idx];
      if ((flags[idx] & CsvFields.ESCAPED) != 0) {
        scratch = unescape(d, s, e, scratch);
        src = scratch;
        e = unescapedLength(d, s, e);
        s = 0;
      }
      if (type == ColumnType.LONG) {
        long v = Utf8Values.parseLongOrMin(src, s, e);
        if (v == Long.MIN_VALUE && !Utf8Values.isLong(src, s, e)) {
          a.failedRow = r;
          return null;
        }
        b.addLong(v);
      } else if (type == ColumnType.DOUBLE) {
        long bits = Utf8Values.parseDoubleBits(src, s, e);
        if (bits == Utf8Values.NOT_A_DOUBLE) {
          a.failedRow = r;
          return null;
        }
        double v = Double.longBitsToDouble(bits);
        if (!a.declared && Math.abs(v) >= 0x1p63 && Utf8Values.isIntegerLiteral(src, s, e)
            && !Utf8Values.isLong(src, s, e)) {
          a.failedRow = r; // an integer beyond the long range would lose digits as a double: infer STRING
          return null;
        }
        b.addDouble(v);
      } else if (type == ColumnType.DATE || type == ColumnType.TIMESTAMP) {
        long v = type == ColumnType.DATE ? IsoDateTimes.parseDateOrMin(src, s, e)
            : IsoDateTimes.parseTimestampOrMin(src, s, e);
        if (v == Long.MIN_VALUE) {
          a.failedRow = r;
          return null;
        }
        b.addLong(v);
      } else if (Utf8Values.isBoolean(src, s, e)) {
        b.addBoolean(Utf8Values.parseBoolean(src, s, e));
      } else {
        a.failedRow = r;
        return null;
      }
    }
    return b.build();
  }

  private static boolean fits(ColumnType type, byte[] b, int s, int e) {
    switch (type) {
      case LONG:
        return Utf8Values.isLong(b, s, e);
      case DOUBLE:
        return Utf8Values.isDouble(b, s, e);
      case BOOLEAN:
        return Utf8Values.isBoolean(b, s, e);
      case DATE:
        return IsoDateTimes.parseDateOrMin(b, s, e) != IsoDateTimes.NOT_A_DATE;
      case TIMESTAMP:
        return IsoDateTimes.parseTimestampOrMin(b, s, e) != IsoDateTimes.NOT_A_TIMESTAMP;
      default:
        return true;
    }
  }

  /**
   * Tells whether the column's values repeat: at least half of (up to) its first {@value #CACHE_TRIAL} values
   * are found in a small hash cache of earlier ones.
   */
  private boolean repeats(byte[] d, CsvFields f, int j, boolean[] nul) {
    int ncol = names.size();
    int[] starts = f.starts;
    int[] ends = f.ends;
    int[] keyStart = new int[CACHE_SLOTS];
    int[] keyEnd = new int[CACHE_SLOTS];
    Arrays.fill(keyStart, -1);
    int lookups = 0;
    int hits = 0;
    for (int r = 0, idx = j; r < f.rows && lookups < CACHE_TRIAL; r++, idx += ncol) {
      if (nul[r]) {
        continue;
      }
      int s = starts[idx];
      int e = ends[idx];
      int slot = slot(d, s, e);
      lookups++;
      if (keyStart[slot] >= 0 && Arrays.equals(d, keyStart[slot], keyEnd[slot], d, s, e)) {
        hits++;
      } else {
        keyStart[slot] = s;
        keyEnd[slot] = e;
      }
    }
    return 2 * hits >= lookups;
  }

  private static int slot(byte[] d, int s, int e) {
    int h = 0;
    for (int k = s; k < e; k++) {
      h = 31 * h + d[k];
    }
    return (h ^ (h >>> 8) ^ (h >>> 16)) & (CACHE_SLOTS - 1);
  }

  /**
   * Stores a column of distinct values as UTF-8 bytes ({@link StringColumn#utf8Builder}), each non-ASCII value
   * checked to be valid UTF-8.
   */
  private Column utf8Strings(byte[] d, CsvFields f, int j, boolean[] nul) {
    int rows = f.rows;
    int ncol = names.size();
    int[] starts = f.starts;
    int[] ends = f.ends;
    byte[] flags = f.flags;
    long total = 0;
    for (int r = 0, idx = j; r < rows; r++, idx += ncol) {
      if (!nul[r]) {
        total += ends[idx] - starts[idx];
      }
    }
    StringColumn.Utf8Builder b = StringColumn.utf8Builder(names.get(j), rows, (int) Math.min(total,
        Integer.MAX_VALUE - 16));
    byte[] scratch = null;
    CharsetDecoder decoder = null;
    for (int r = 0, idx = j; r < rows; r++, idx += ncol) {
      if (nul[r]) {
        b.addNull();
        continue;
      }
      byte[] src = d;
      int s = starts[idx];
      int e = ends[idx];
      if ((flags[idx] & CsvFields.ESCAPED) != 0) {
        scratch = unescape(d, s, e, scratch);
        src = scratch;
        e = unescapedLength(d, s, e);
        s = 0;
      }
      int high = 0;
      for (int k = s; k < e; k++) {
        high |= src[k];
      }
      if (high < 0) {
        if (decoder == null) {
          decoder = strictDecoder();
        }
        decode(decoder, src, s, e, f.rowLines[r], j);
      }
      b.addUtf8(src, s, e);
    }
    return b.build();
  }

  private static CharsetDecoder strictDecoder() {
    return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  /** Stores a column of repeating values as strings, one shared object per value the cache still holds. */
  private Column sharedStrings(byte[] d, CsvFields f, int j, boolean[] nul) {
    Column.Builder b = Column.builder(names.get(j), ColumnType.STRING, f.rows);
    int rows = f.rows;
    int ncol = names.size();
    int[] starts = f.starts;
    int[] ends = f.ends;
    byte[] flags = f.flags;
    byte[][] cachedBytes = new byte[CACHE_SLOTS][];
    String[] cached = new String[CACHE_SLOTS];
    boolean caching = true;
    int lookups = 0;
    int hits = 0;
    CharsetDecoder decoder = null;
    for (int r = 0, idx = j; r < rows; r++, idx += ncol) {
      if (nul[r]) {
        b.addNull();
        continue;
      }
      byte[] src = d;
      int s = starts[idx];
      int e = ends[idx];
      boolean escaped = (flags[idx] & CsvFields.ESCAPED) != 0;
      if (escaped) {
        src = unescape(d, s, e, null);
        e = unescapedLength(d, s, e);
        s = 0;
      }
      int h = 0;
      int high = 0;
      for (int k = s; k < e; k++) {
        byte c = src[k];
        h = 31 * h + c;
        high |= c;
      }
      int slot = 0;
      if (caching && !escaped) {
        slot = (h ^ (h >>> 8) ^ (h >>> 16)) & (CACHE_SLOTS - 1);
        byte[] key = cachedBytes[slot];
        lookups++;
        if (key != null && Arrays.equals(key, 0, key.length, d, s, e)) {
          hits++;
          b.addString(cached[slot]);
          continue;
        }
        if (lookups == CACHE_TRIAL && hits < CACHE_TRIAL / 2) {
          caching = false;
        }
      }
      String v;
      if (high >= 0) {
        v = new String(src, s, e - s, StandardCharsets.ISO_8859_1);
      } else {
        if (decoder == null) {
          decoder = strictDecoder();
        }
        v = decode(decoder, src, s, e, f.rowLines[r], j);
      }
      if (caching && !escaped) {
        cachedBytes[slot] = Arrays.copyOfRange(d, s, e);
        cached[slot] = v;
      }
      b.addString(v);
    }
    return b.build();
  }

  private String decode(CharsetDecoder decoder, byte[] d, int s, int e, long line, int j) {
    try {
      return decoder.decode(ByteBuffer.wrap(d, s, e - s)).toString();
    } catch (CharacterCodingException ex) {
      throw new CsvLineError(source, line, ", column '" + names.get(j) + "' (field " + (j + 1)
          + "): the bytes are not valid UTF-8");
    }
  }

  /** The text of a field, doubled quotes made single, malformed UTF-8 replaced (for messages and rare paths). */
  private String text(byte[] d, int s, int e, byte flag) {
    if ((flag & CsvFields.ESCAPED) == 0) {
      return new String(d, s, e - s, StandardCharsets.UTF_8);
    }
    byte[] u = unescape(d, s, e, null);
    return new String(u, 0, unescapedLength(d, s, e), StandardCharsets.UTF_8);
  }

  private byte[] unescape(byte[] d, int s, int e, byte @Nullable [] into) {
    byte[] out = into != null && into.length >= e - s ? into : new byte[e - s];
    int n = 0;
    for (int k = s; k < e; k++) {
      out[n++] = d[k];
      if (d[k] == quote) {
        k++;
      }
    }
    return out;
  }

  private int unescapedLength(byte[] d, int s, int e) {
    int n = 0;
    for (int k = s; k < e; k++) {
      n++;
      if (d[k] == quote) {
        k++;
      }
    }
    return n;
  }
}
