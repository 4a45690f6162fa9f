package dev.mlops.tracking.internal.store;

import dev.mlops.core.CorruptedDataException;
import dev.mlops.tracking.MetricPoint;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary form of metric points in a run's series: each series entry packs up to
 * {@link #POINTS_PER_ENTRY} points as format byte 1, point count, then per point the key (length-prefixed
 * UTF-8), value, step and timestamp. Stateless and thread-safe.
 */
public final class MetricCodec {
  /** How many points one series entry packs at most. */
  public static final int POINTS_PER_ENTRY = 4096;
  private static final byte FORMAT = 1;

  private MetricCodec() {}

  /**
   * Packs points into series entries.
   *
   * @param keys the keys, parallel to the other arrays
   * @param values the values
   * @param steps the steps
   * @param timestamps the timestamps
   * @param count how many points the arrays hold
   * @return the entries
   */
  public static List<byte[]> encode(String[] keys, double[] values, long[] steps, long[] timestamps, int count) {
    List<byte[]> entries = new ArrayList<>(count / POINTS_PER_ENTRY + 1);
    Map<String, byte[]> encodedKeys = new HashMap<>();
    for (int from = 0; from < count; from += POINTS_PER_ENTRY) {
      int to = Math.min(count, from + POINTS_PER_ENTRY);
      int size = 1 + 4;
      byte[][] keyBytes = new byte[to - from][];
      for (int i = from; i < to; i++) {
        byte[] k = encodedKeys.computeIfAbsent(keys[i], key -> key.getBytes(StandardCharsets.UTF_8));
        keyBytes[i - from] = k;
        size += 2 + k.length + 8 + 8 + 8;
      }
      ByteBuffer b = ByteBuffer.allocate(size);
      b.put(FORMAT).putInt(to - from);
      for (int i = from; i < to; i++) {
        byte[] k = keyBytes[i - from];
        b.putShort((short) k.length).put(k).putDouble(values[i]).putLong(steps[i]).putLong(timestamps[i]);
      }
      entries.add(b.array());
    }
    return entries;
  }

  /**
   * Unpacks one entry.
   *
   * @param seriesKey the series key, for error messages
   * @param entry the entry
   * @param out where the points go, in logging order
   * @throws CorruptedDataException if the entry is not of this format
   */
  public static void decode(String seriesKey, byte[] entry, List<MetricPoint> out) {
    try {
      ByteBuffer b = ByteBuffer.wrap(entry);
      if (b.get() != FORMAT) {
        throw new CorruptedDataException("metric series '" + seriesKey + "' holds an entry of unknown format");
      }
      int count = b.getInt();
      for (int i = 0; i < count; i++) {
        byte[] k = new byte[b.getShort() & 0xFFFF];
        b.get(k);
        out.add(new MetricPoint(new String(k, StandardCharsets.UTF_8), b.getDouble(), b.getLong(), b.getLong()));
      }
      if (b.hasRemaining()) {
        throw new CorruptedDataException("metric series '" + seriesKey + "' holds an entry with trailing bytes");
      }
    } catch (RuntimeException e) {
      if (e instanceof CorruptedDataException) {
        throw e;
      }
      throw new CorruptedDataException("metric series '" + seriesKey + "' holds a malformed entry: " + e, e);
    }
  }
}
