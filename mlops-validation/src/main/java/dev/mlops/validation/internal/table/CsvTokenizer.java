package dev.mlops.validation.internal.table;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Splits UTF-8 CSV bytes into records and fields (RFC 4180): a field starting with the quote runs to the next
 * lone quote, doubled quotes inside stand for one, and delimiters and line breaks inside quotes are text; a
 * record ends at LF, CRLF or a lone CR, and blank lines are skipped. Nothing is copied: fields are byte ranges
 * recorded in {@link CsvFields}. Delimiter and quote are ASCII, so they never occur inside a multi-byte UTF-8
 * sequence. Not thread-safe: it counts lines in {@link #line}.
 */
final class CsvTokenizer {
  /** {@link #record} result: the bytes end inside a record; give more input or mark the end of input. */
  static final int INCOMPLETE = -1;
  /** {@link #record} result: only blank lines remained before the end of input. */
  static final int NO_RECORD = -2;

  private final byte delimiter;
  private final byte quote;
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final boolean[] stops = new boolean[256];
  /** The delimiter byte repeated in all eight bytes of a word. */
  private final long delimiterWord;
  private final String source;
  /** The line the next byte is on; the caller sets where counting starts. */
  long line;

  CsvTokenizer(char delimiter, char quote, String source, long firstLine) {
    this.delimiter = (byte) delimiter;
    this.quote = (byte) quote;
    this.source = source;
    this.line = firstLine;
    this.delimiterWord = 0x0101010101010101L * (delimiter & 0xFF);
    stops[delimiter] = true;
    stops['\n'] = true;
    stops['\r'] = true;
  }

  /**
   * Reads the record starting at {@code pos} (blank lines before it skipped) into {@code out}.
   *
   * @param b the bytes
   * @param pos where to start, at a record boundary
   * @param limit one past the last byte available
   * @param eof whether {@code limit} is the end of the input, which then also ends a record
   * @param out receives the fields and the record's first line
   * @return the position after the record's line break, {@link #INCOMPLETE} (then {@code out} and
   *     {@link #line} are as before the call) or {@link #NO_RECORD}
   * @throws CsvLineError if a quoted field is not closed at the end of input, or text follows a closing quote
   */
  int record(byte[] b, int pos, int limit, boolean eof, CsvFields out) {
    long lineBefore = line;
    int p = pos;
    while (p < limit && (b[p] == '\n' || b[p] == '\r')) {
      if (b[p] == '\r' && p + 1 < limit && b[p + 1] == '\n') {
        p++;
      } else if (b[p] == '\r' && p + 1 == limit && !eof) {
        line = lineBefore;
        return INCOMPLETE;
      }
      p++;
      line++;
    }
    if (p >= limit) {
      if (eof) {
        return NO_RECORD;
      }
      line = lineBefore;
      return INCOMPLETE;
    }
    int fieldsBefore = out.count;
    long startLine = line;
    int field = 1;
    while (true) {
      if (p < limit && b[p] == quote) {
        int start = ++p;
        byte flag = CsvFields.QUOTED;
        while (true) {
          if (p >= limit) {
            if (eof) {
              throw new CsvLineError(source, startLine, ", field " + field
                  + ": a quoted field is not closed before the end of the file");
            }
            return incomplete(out, fieldsBefore, lineBefore);
          }
          byte c = b[p];
          if (c == quote) {
            if (p + 1 < limit && b[p + 1] == quote) {
              flag = CsvFields.QUOTED | CsvFields.ESCAPED;
              p += 2;
              continue;
            }
            if (p + 1 == limit && !eof) {
              return incomplete(out, fieldsBefore, lineBefore);
            }
            break;
          }
          if (c == '\n') {
            line++;
          }
          p++;
        }
        out.add(start, p, flag);
        p++;
        if (p < limit && !stops[b[p] & 0xFF]) {
          throw new CsvLineError(source, line, ", field " + field + ": unexpected character '"
              + describe(b[p]) + "' after a closing quote");
        }
      } else {
        int start = p;
        p = fieldEnd(b, p, limit);
        if (p == limit && !eof) {
          return incomplete(out, fieldsBefore, lineBefore);
        }
        out.add(start, p, (byte) 0);
      }
      if (p == limit) {
        if (!eof) {
          return incomplete(out, fieldsBefore, lineBefore);
        }
        out.addRow(startLine);
        return p;
      }
      byte c = b[p];
      if (c == delimiter) {
        p++;
        field++;
        continue;
      }
      if (c == '\r') {
        if (p + 1 < limit) {
          if (b[p + 1] == '\n') {
            p++;
          }
        } else if (!eof) {
          return incomplete(out, fieldsBefore, lineBefore);
        }
      }
      line++;
      out.addRow(startLine);
      return p + 1;
    }
  }

  /**
   * Returns the position of the first delimiter, CR or LF at or after {@code p}, or {@code limit}: eight bytes
   * at a time, each word tested for the three bytes at once (the lowest flagged byte of the zero-byte test is
   * always a real match).
   */
  private int fieldEnd(byte[] b, int p, int limit) {
    long delimiters = delimiterWord;
    while (p + 8 <= limit) {
      long w = (long) LONGS.get(b, p);
      long hit = zeroBytes(w ^ delimiters) | zeroBytes(w ^ 0x0A0A0A0A0A0A0A0AL) | zeroBytes(w ^ 0x0D0D0D0D0D0D0D0DL);
      if (hit != 0) {
        return p + (Long.numberOfTrailingZeros(hit) >>> 3);
      }
      p += 8;
    }
    boolean[] s = stops;
    while (p < limit && !s[b[p] & 0xFF]) {
      p++;
    }
    return p;
  }

  private static long zeroBytes(long x) {
    return (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
  }

  private int incomplete(CsvFields out, int fieldsBefore, long lineBefore) {
    out.truncate(fieldsBefore, out.rows);
    line = lineBefore;
    return INCOMPLETE;
  }

  private static String describe(byte b) {
    return b >= 0x20 && b < 0x7F ? String.valueOf((char) b) : String.format("\\x%02X", b & 0xFF);
  }
}
