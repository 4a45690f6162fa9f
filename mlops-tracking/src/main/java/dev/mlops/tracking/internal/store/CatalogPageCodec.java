package dev.mlops.tracking.internal.store;

import dev.mlops.core.CorruptedDataException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
   * One run as a page holds it.
   *
   * @param version the run record's version
   * @param doc the run record's body
   */
  record Entry(long version, RunDocument doc) {}

  /**
   * A decoded page.
   *
   * @param position the change-log position the page is current as of
   * @param runs its runs
   */
  record Page(long position, List<Entry> runs) {}

  /**
   * Encodes a page.
   *
   * @param position the change-log position its runs are current as of
   * @param runs the runs
   * @return the bytes
   */
  static byte[] encode(long position, List<Entry> runs) {
    Map<String, Integer> dictionary = new LinkedHashMap<>();
    for (Entry e : runs) {
      e.doc().params().keySet().forEach(k -> dictionary.putIfAbsent(k, dictionary.size()));
      e.doc().tags().keySet().forEach(k -> dictionary.putIfAbsent(k, dictionary.size()));
      e.doc().metrics().keySet().forEach(k -> dictionary.putIfAbsent(k, dictionary.size()));
    }
    Out out = new Out();
    out.int32(MAGIC);
    out.bytes.write(FORMAT);
    out.int64(position);
    out.varint(dictionary.size());
    dictionary.keySet().forEach(out::string);
    out.varint(runs.size());
    for (Entry e : runs) {
      RunDocument d = e.doc();
      out.int64(e.version());
      out.string(d.id());
      out.string(d.name());
      out.nullableString(d.parentId());
      out.string(d.status());
      out.int64(d.startTime());
      out.bytes.write(d.endTime() == null ? 0 : 1);
      if (d.endTime() != null) {
        out.int64(d.endTime());
      }
      out.string(d.owner().host());
      out.int64(d.owner().pid());
      out.int64(d.owner().processStart());
      out.int64(d.heartbeat());
      out.pairs(d.params(), dictionary);
      out.pairs(d.tags(), dictionary);
      out.varint(d.metrics().size());
      d.metrics().forEach((k, m) -> {
        out.varint(dictionary.get(k));
        out.int64(Double.doubleToRawLongBits(m.value()));
        out.int64(m.step());
        out.int64(m.timestamp());
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
      List<Entry> runs = new ArrayList<>(n);
      Map<String, String> hosts = new HashMap<>();
      for (int r = 0; r < n; r++) {
        long version = in.getLong();
        String id = string(in);
        String name = string(in);
        String parentId = in.get() == 0 ? null : string(in);
        String status = string(in);
        long start = in.getLong();
        Long end = in.get() == 0 ? null : in.getLong();
        String host = hosts.computeIfAbsent(string(in), h -> h);
        ProcessOwner owner = new ProcessOwner(host, in.getLong(), in.getLong());
        long heartbeat = in.getLong();
        Map<String, String> params = pairs(in, dictionary);
        Map<String, String> tags = pairs(in, dictionary);
        int m = count(in);
        Map<String, RunDocument.LatestMetric> metrics = new LinkedHashMap<>(Math.max(4, m * 2));
        for (int i = 0; i < m; i++) {
          String k = dictionary[index(in, dictionary)];
          double value = Double.longBitsToDouble(in.getLong());
          long step = in.getLong();
          long timestamp = in.getLong();
          metrics.put(k, new RunDocument.LatestMetric(value, step, timestamp));
        }
        runs.add(new Entry(version, new RunDocument(id, experimentId, name, parentId, status, start, end, owner,
            heartbeat, params, tags, metrics)));
      }
      if (in.hasRemaining()) {
        throw new CorruptedDataException("catalog page '" + key + "' has " + in.remaining() + " bytes after its runs");
      }
      return new Page(position, runs);
    } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
      throw new CorruptedDataException("catalog page '" + key + "' ends inside a run: " + e, e);
    }
  }

  private static Map<String, String> pairs(ByteBuffer in, String[] dictionary) {
    int n = count(in);
    Map<String, String> out = new LinkedHashMap<>(Math.max(4, n * 2));
    for (int i = 0; i < n; i++) {
      String k = dictionary[index(in, dictionary)];
      out.put(k, string(in));
    }
    return out;
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
