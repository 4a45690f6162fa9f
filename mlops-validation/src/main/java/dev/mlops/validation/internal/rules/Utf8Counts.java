package dev.mlops.validation.internal.rules;

import dev.mlops.core.InvalidInputException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Exact counts of strings given as their UTF-8 bytes, without a {@code String}, a map entry or a boxed count per
 * value: the counts of a string column in {@link ValueCountsState}. A column of 5,000,000 distinct e-mail addresses
 * held as {@code HashMap} entries is 5,000,000 decoded strings, nodes and counters for the collector to trace and
 * copy; here it is a few primitive arrays and pages of bytes.
 *
 * <p>An open-addressing table keyed by a 64-bit hash of the bytes, with linear probing; each distinct value's bytes
 * are copied once into pages of this table's own (so a state never holds on to the table it read, and a chunked run
 * can drop its chunks). Two values are the same only when their bytes are equal: equal hashes are always confirmed
 * by comparing bytes, so a hash collision never merges two values. Equal bytes are equal text for well-formed UTF-8;
 * a caller puts only well-formed bytes in. Not thread-safe.
 */
final class Utf8Counts {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final int FIRST_PAGE = 1 << 12;
  private static final int MAX_PAGE = 1 << 20;
  /** The most slots: three longs each must fit one array. */
  private static final int MAX_CAPACITY = 1 << 28;

  /** The hash mask: all bits, or a few in tests so that distinct values collide. */
  private final long hashMask;
  /**
   * Slot {@code i} is {@code 3i} (the hash), {@code 3i + 1} (the count; zero marks an empty slot) and {@code 3i + 2}
   * (where its value is: page index in the high 32 bits, offset in the low ones), so that a probe reads one cache
   * line. At the offset, the value's length as a varint, then its bytes.
   */
  private long[] slots = new long[3 * 16];
  private int size;
  private int mask = 15;
  private byte[][] pages = new byte[4][];
  private int pageCount;
  private int pageFill;

  /** Creates an empty table. */
  Utf8Counts() {
    this(-1L);
  }

  /** Creates an empty table that keeps only the hash bits of {@code hashMask} (for tests that force collisions). */
  Utf8Counts(long hashMask) {
    this.hashMask = hashMask;
  }

  /**
   * A 64-bit hash of {@code b[from, to)}, eight bytes a step, finished with {@link LongCounts#mix64}.
   *
   * @param b the bytes
   * @param from the first byte
   * @param to the end, exclusive
   * @return the hash
   */
  static long hash(byte[] b, int from, int to) {
    long h = 0x9E3779B97F4A7C15L ^ (to - from) * 0xC2B2AE3D27D4EB4FL;
    int i = from;
    for (; i + 8 <= to; i += 8) {
      h = Long.rotateLeft(h ^ (long) LONGS.get(b, i) * 0x87C37B91114253D5L, 31) * 0x4CF5AD432745937FL;
    }
    long tail = 0;
    for (int shift = 0; i < to; i++, shift += 8) {
      tail |= (b[i] & 0xFFL) << shift;
    }
    h = Long.rotateLeft(h ^ tail * 0x87C37B91114253D5L, 31) * 0x4CF5AD432745937FL;
    return LongCounts.mix64(h);
  }

  /**
   * Adds one occurrence of the value {@code b[from, to)}.
   *
   * @param b the bytes, copied if the value is new
   * @param from the first byte
   * @param to the end, exclusive
   */
  void add(byte[] b, int from, int to) {
    add(hash(b, from, to) & hashMask, b, from, to, 1);
  }

  private void add(long h, byte[] b, int from, int to, long n) {
    long[] s = slots;
    int i = (int) h & mask;
    while (true) {
      int at = 3 * i;
      long c = s[at + 1];
      if (c == 0) {
        s[at] = h;
        s[at + 1] = n;
        s[at + 2] = store(b, from, to - from);
        // a load of 0.6 keeps linear probes short (about 1.8 slots on a hit)
        if (++size > (mask + 1) * 0.6) {
          resize((mask + 1) * 2);
        }
        return;
      }
      if (s[at] == h && equal(s[at + 2], b, from, to)) {
        s[at + 1] = c + n;
        return;
      }
      i = (i + 1) & mask;
    }
  }

  private boolean equal(long ref, byte[] b, int from, int to) {
    byte[] page = pages[(int) (ref >>> 32)];
    int off = (int) ref;
    int len = length(page, off);
    off += lengthSize(len);
    return len == to - from && Arrays.equals(page, off, off + len, b, from, to);
  }

  /** Reads the varint length at {@code page[off]}. */
  private static int length(byte[] page, int off) {
    int len = 0;
    for (int at = off, shift = 0; ; at++, shift += 7) {
      byte v = page[at];
      len |= (v & 0x7F) << shift;
      if (v >= 0) {
        return len;
      }
    }
  }

  /** The bytes a length takes as a varint. */
  private static int lengthSize(int len) {
    return len < 0x80 ? 1 : len < 0x4000 ? 2 : len < 0x200000 ? 3 : len < 0x10000000 ? 4 : 5;
  }

  /** Copies a new value into the pages; a page grows to {@value #MAX_PAGE} bytes, a longer value has its own. */
  private long store(byte[] b, int from, int len) {
    int need = len + lengthSize(len);
    if (pageCount == 0 || pageFill + need > pages[pageCount - 1].length) {
      int size = pageCount == 0 ? FIRST_PAGE : Math.min(MAX_PAGE, pages[pageCount - 1].length * 2);
      if (pageCount == pages.length) {
        pages = Arrays.copyOf(pages, pageCount * 2);
      }
      pages[pageCount++] = new byte[Math.max(size, need)];
      pageFill = 0;
    }
    byte[] page = pages[pageCount - 1];
    long ref = ((long) (pageCount - 1) << 32) | pageFill;
    int at = pageFill;
    int l = len;
    while (l >= 0x80) {
      page[at++] = (byte) (l | 0x80);
      l >>>= 7;
    }
    page[at++] = (byte) l;
    System.arraycopy(b, from, page, at, len);
    pageFill = at + len;
    return ref;
  }

  private void resize(int capacity) {
    if (capacity > MAX_CAPACITY) {
      throw new InvalidInputException("a string column has more than " + (size - 1) + " distinct values, the most"
          + " that exact value counts (isUnique, distinct counts, entropy) hold in memory; check the column in parts");
    }
    long[] old = slots;
    long[] s = new long[3 * capacity];
    mask = capacity - 1;
    for (int j = 0; j < old.length; j += 3) {
      if (old[j + 1] != 0) {
        int i = (int) old[j] & mask;
        while (s[3 * i + 1] != 0) {
          i = (i + 1) & mask;
        }
        System.arraycopy(old, j, s, 3 * i, 3);
      }
    }
    slots = s;
  }

  /**
   * Returns the number of distinct values.
   *
   * @return the count
   */
  int distinct() {
    return size;
  }

  /**
   * Adds every count of another table, reusing its hashes (a value's bytes are hashed once, by the state that met
   * it first). The larger of the two tables is kept and the smaller one's values are added to it.
   *
   * @param other a table with the same hash mask, which must not be used afterwards (this one may take its arrays)
   */
  void merge(Utf8Counts other) {
    Utf8Counts from = other;
    if (other.size > size) {
      from = new Utf8Counts(hashMask);
      from.take(this);
      take(other);
    }
    long[] s = from.slots;
    for (int j = 0; j < s.length; j += 3) {
      long n = s[j + 1];
      if (n != 0) {
        long ref = s[j + 2];
        byte[] page = from.pages[(int) (ref >>> 32)];
        int len = length(page, (int) ref);
        int off = (int) ref + lengthSize(len);
        add(s[j], page, off, off + len, n);
      }
    }
  }

  private void take(Utf8Counts o) {
    slots = o.slots;
    size = o.size;
    mask = o.mask;
    pages = o.pages;
    pageCount = o.pageCount;
    pageFill = o.pageFill;
  }

  /** Receives a distinct value with its count. */
  interface Visitor {
    void visit(String value, long count);
  }

  /**
   * Visits the values with at least {@code minCount} occurrences, decoding only those, in slot order (the same
   * for the same additions).
   *
   * @param minCount the least count to visit
   * @param visitor the visitor
   */
  void forEach(long minCount, Visitor visitor) {
    long[] s = slots;
    for (int j = 0; j < s.length; j += 3) {
      long n = s[j + 1];
      if (n != 0 && n >= minCount) {
        byte[] page = pages[(int) (s[j + 2] >>> 32)];
        int len = length(page, (int) s[j + 2]);
        visitor.visit(new String(page, (int) s[j + 2] + lengthSize(len), len, StandardCharsets.UTF_8), n);
      }
    }
  }
}
