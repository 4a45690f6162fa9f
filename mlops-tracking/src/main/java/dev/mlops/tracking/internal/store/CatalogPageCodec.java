package dev.mlops.tracking.internal.store;

import dev.mlops.core.CorruptedDataException;
import dev.mlops.tracking.MetricPoint;
import dev.mlops.tracking.RunSnapshot;
import dev.mlops.tracking.RunStatus;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * The binary form of one catalog page: the runs of one bucket as run records held them, decoded without a
 * JSON parser, so that loading 10,000 runs costs a few milliseconds of copying instead of parsing 10,000
 * JSON documents.
 *
 * <p>Format: magic {@code MLCP}, format byte 1, the change-log position the page is current as of (8
 * bytes), a dictionary of the param, tag and metric keys the page uses (count, then strings), the run count,
 * then per run: record version, id, name, parent id (or none), status, start time, end time (or none),
 * owner host, pid and start, heartbeat, then params and tags as (key index, value) pairs and metrics as
 * (key index, value, step, timestamp); finally a CRC-32C of everything before it. Strings are a varint byte
 * length and UTF-8; counts and key indexes are varints. Stateless.
 */
final class CatalogPageCodec {
  private static final int MAGIC = 0x4D4C4350; // "MLCP"
  private static final byte FORMAT = 1;

  private CatalogPageCodec() {}

  /**
   * A decoded page.
   *
   * @param position the change-log position the page is current as of
   * @param runs its runs
   */
  record Page(long position, List<StoredRun> runs) {}

  /**
   * Encodes a page.
   *
   * @param position the change-log position its runs are current as of
   * @param runs the runs
   * @return the bytes
   */
  static byte[] encode(long position, List<StoredRun> runs) {
    Map<String, Integer> dictionary = new LinkedHashMap<>();
    for (StoredRun r : runs) {
      r.stored().params().keySet().forEach(k -> dictionary.putIfAbsent(k, dictionary.size()));
      r.stored().tags().keySet().forEach(k -> dictionary.putIfAbsent(k, dictionary.size()));
      r.stored().latestMetrics().keySet().forEach(k -> dictionary.putIfAbsent(k, dictionary.size()));
    }
    Out out = new Out();
    out.int32(MAGIC);
    out.bytes.write(FORMAT);
    out.int64(position);
    out.varint(dictionary.size());
    dictionary.keySet().forEach(out::string);
    out.varint(runs.size());
    for (StoredRun r : runs) {
      RunSnapshot s = r.stored();
      out.int64(r.version());
      out.string(s.id());
      out.string(s.name());
      out.nullableString(s.parentId().orElse(null));
      out.string(r.status());
      out.int64(s.startTime().toEpochMilli());
      out.bytes.write(s.endTime().isEmpty() ? 0 : 1);
      if (s.endTime().isPresent()) {
        out.int64(s.endTime().get().toEpochMilli());
      }
      out.string(r.owner().host());
      out.int64(r.owner().pid());
      out.int64(r.owner().processStart());
      out.int64(r.heartbeat());
      out.pairs(s.params(), dictionary);
      out.pairs(s.tags(), dictionary);
      out.varint(s.latestMetrics().size());
      s.latestMetrics().forEach((k, m) -> {
        out.varint(dictionary.get(k));
        out.int64(Double.doubleToRawLongBits(m.value()));
        out.int64(m.step());
        out.int64(m.timestampMillis());
      });
    }
    CRC32C crc = new CRC32C();
    crc.update(out.bytes.array(), 0, out.bytes.size());
    out.int32((int) crc.getValue());
    return out.bytes.toByteArray();
  }

  /**
   * Decodes a page.
   *
   * @param key the page's record key, for messages
   * @param experimentId the experiment the page belongs to
   * @param bytes the page's bytes
   * @return the page
   * @throws CorruptedDataException if the bytes are not a whole page of this format
   */
  static Page decode(String key, String experimentId, byte[] bytes) {
    try {
      if (bytes.length < 17) {
        throw new CorruptedDataException("catalog page '" + key + "' has only " + bytes.length + " bytes");
      }
      CRC32C crc = new CRC32C();
      crc.update(bytes, 0, bytes.length - 4);
      ByteBuffer in = ByteBuffer.wrap(bytes);
      if (in.getInt(bytes.length - 4) != (int) crc.getValue()) {
        throw new CorruptedDataException("catalog page '" + key + "' fails its CRC-32C checksum");
      }
      in.limit(bytes.length - 4);
      if (in.getInt() != MAGIC || in.get() != FORMAT) {
        throw new CorruptedDataException("catalog page '" + key + "' is not a format-1 catalog page");
      }
      long position = in.getLong();
      String[] dictionary = new String[count(in)];
      for (int i = 0; i < dictionary.length; i++) {
        dictionary[i] = string(in);
      }
      int n = count(in);
      List<StoredRun> runs = new ArrayList<>(n);
      Map<String, String> hosts = new HashMap<>();
      Layouts layouts = new Layouts(dictionary);
      for (int r = 0; r < n; r++) {
        long version = in.getLong();
        String id = string(in);
        String name = string(in);
        String parentId = in.get() == 0 ? null : string(in);
        RunStatus status = RunStatus.valueOf(string(in));
        long start = in.getLong();
        Instant end = in.get() == 0 ? null : Instant.ofEpochMilli(in.getLong());
        String host = hosts.computeIfAbsent(string(in), h -> h);
        ProcessOwner owner = new ProcessOwner(host, in.getLong(), in.getLong());
        long heartbeat = in.getLong();
        Map<String, String> params = layouts.strings(in, Layouts.PARAMS);
        Map<String, String> tags = layouts.strings(in, Layouts.TAGS);
        Map<String, MetricPoint> metrics = layouts.metrics(in);
        RunSnapshot stored = new RunSnapshot(id, experimentId, name, parentId, status, Instant.ofEpochMilli(start),
            end, params, tags, metrics);
        runs.add(new StoredRun(version, stored, status.name(), owner, heartbeat));
      }
      if (in.hasRemaining()) {
        throw new CorruptedDataException("catalog page '" + key + "' has " + in.remaining() + " bytes after its runs");
      }
      return new Page(position, runs);
    } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
      throw new CorruptedDataException("catalog page '" + key + "' ends inside a run: " + e, e);
    }
  }

  /**
   * The key layouts of one page's maps: the runs of a page mostly use the same keys in the same order, so each
   * distinct key sequence gets one {@link KeyLayout} that all its maps share. Confined to one decode.
   */
  private static final class Layouts {
    static final int PARAMS = 0;
    static final int TAGS = 1;
    static final int METRICS = 2;
    private final String[] dictionary;
    private final Map<List<String>, KeyLayout> seen = new HashMap<>();
    /** The layout each kind of map used last, which the next run's map of that kind most likely uses too. */
    private final KeyLayout[] last = {KeyLayout.EMPTY, KeyLayout.EMPTY, KeyLayout.EMPTY};
    private String[] keys = new String[16];

    Layouts(String[] dictionary) {
      this.dictionary = dictionary;
    }

    /** Reads (key index, string) pairs. */
    Map<String, String> strings(ByteBuffer in, int kind) {
      int n = keys(in);
      Object[] values = new Object[n];
      for (int i = 0; i < n; i++) {
        keys[i] = dictionary[index(in, dictionary)];
        values[i] = string(in);
      }
      return new LayoutMap<>(layout(kind, n), values);
    }

    /** Reads (key index, value, step, timestamp) entries. */
    Map<String, MetricPoint> metrics(ByteBuffer in) {
      int n = keys(in);
      Object[] values = new Object[n];
      for (int i = 0; i < n; i++) {
        String k = dictionary[index(in, dictionary)];
        keys[i] = k;
        double value = Double.longBitsToDouble(in.getLong()); // stored as value, step, time
        long step = in.getLong();
        long time = in.getLong();
        values[i] = new MetricPoint(k, value, step, time);
      }
      return new LayoutMap<>(layout(METRICS, n), values);
    }

    private int keys(ByteBuffer in) {
      int n = count(in);
      if (n > keys.length) {
        keys = new String[Math.max(n, 2 * keys.length)];
      }
      return n;
    }

    /** The layout of the first {@code n} keys read; a repeated key is damage. */
    private KeyLayout layout(int kind, int n) {
      KeyLayout l = last[kind];
      if (!l.holds(keys, n)) {
        List<String> sequence = List.of(Arrays.copyOf(keys, n));
        l = seen.get(sequence);
        if (l == null) {
          l = new KeyLayout(sequence.toArray(new String[0]));
          seen.put(sequence, l);
        }
        last[kind] = l;
      }
      return l;
    }
  }

  private static int index(ByteBuffer in, String[] dictionary) {
    int i = varint(in);
    if (i >= dictionary.length) {
      throw new IllegalArgumentException("key index " + i + " beyond the dictionary of " + dictionary.length);
    }
    return i;
  }

  /** A count, refused when it cannot fit in what is left (so damage cannot make this allocate gigabytes). */
  private static int count(ByteBuffer in) {
    int n = varint(in);
    if (n > in.remaining()) {
      throw new IllegalArgumentException("count " + n + " with " + in.remaining() + " bytes left");
    }
    return n;
  }

  private static String string(ByteBuffer in) {
    int n = count(in);
    String s = new String(in.array(), in.arrayOffset() + in.position(), n, StandardCharsets.UTF_8);
    in.position(in.position() + n);
    return s;
  }

  private static int varint(ByteBuffer in) {
    int value = 0;
    for (int shift = 0; shift < 32; shift += 7) {
      byte b = in.get();
      value |= (b & 0x7F) << shift;
      if (b >= 0) {
        if (value < 0) {
          throw new IllegalArgumentException("negative varint");
        }
        return value;
      }
    }
    throw new IllegalArgumentException("varint longer than 5 bytes");
  }

  /** A growing output buffer with the few primitives a page needs. */
  private static final class Out {
    final Bytes bytes = new Bytes();

    void int32(int v) {
      for (int s = 24; s >= 0; s -= 8) {
        bytes.write(v >>> s);
      }
    }

    void int64(long v) {
      for (int s = 56; s >= 0; s -= 8) {
        bytes.write((int) (v >>> s));
      }
    }

    void varint(int v) {
      while ((v & ~0x7F) != 0) {
        bytes.write((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      bytes.write(v);
    }

    void string(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      varint(b.length);
      bytes.write(b, 0, b.length);
    }

    void nullableString(@Nullable String s) {
      bytes.write(s == null ? 0 : 1);
      if (s != null) {
        string(s);
      }
    }

    void pairs(Map<String, String> map, Map<String, Integer> dictionary) {
      varint(map.size());
      map.forEach((k, v) -> {
        varint(dictionary.get(k));
        string(v);
      });
    }
  }

  /** A byte array output stream whose buffer can be read without a copy. */
  private static final class Bytes extends ByteArrayOutputStream {
    Bytes() {
      super(8192);
    }

    byte[] array() {
      return buf;
    }
  }
}
