package dev.mlops.tracking.internal.store;

import dev.mlops.core.CorruptedDataException;
import dev.mlops.tracking.MetricPoint;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import dev.mlops.tracking.MetricPointSink;
import java.util.ArrayList;
import java.util.Arrays;
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
  /** How many distinct keys one entry's decoding remembers, to pass each as one string. */
  private static final int KEYS_REMEMBERED = 8;

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
    decode(seriesKey, entry, (key, value, step, time) -> out.add(new MetricPoint(key, value, step, time)));
  }

  /**
   * Unpacks one entry into a sink, point by point; with up to eight distinct keys in the entry, each key is
   * decoded once and its points pass the same string.
   *
   * @param seriesKey the series key, for error messages
   * @param entry the entry
   * @param sink where the points go, in logging order
   * @throws CorruptedDataException if the entry is not of this format
   */
  public static void decode(String seriesKey, byte[] entry, MetricPointSink sink) {
    try {
      ByteBuffer b = ByteBuffer.wrap(entry);
      if (b.get() != FORMAT) {
        throw new CorruptedDataException("metric series '" + seriesKey + "' holds an entry of unknown format");
      }
      int count = b.getInt();
      // the keys decoded in this entry so far (a run logs a few keys, interleaved): each decoded once
      String[] keys = new String[KEYS_REMEMBERED];
      int[] keyFrom = new int[KEYS_REMEMBERED];
      int[] keyLength = new int[KEYS_REMEMBERED];
      int remembered = 0;
      int replace = 0;
      for (int i = 0; i < count; i++) {
        int length = b.getShort() & 0xFFFF;
        int from = b.position();
        if (from + length > entry.length) {
          throw new CorruptedDataException("metric series '" + seriesKey + "' holds a truncated entry");
        }
        int found = -1;
        for (int k = 0; k < remembered && found < 0; k++) {
          if (keyLength[k] == length
              && Arrays.equals(entry, from, from + length, entry, keyFrom[k], keyFrom[k] + length)) {
            found = k;
          }
        }
        if (found < 0) {
          found = remembered < KEYS_REMEMBERED ? remembered++ : replace++ % KEYS_REMEMBERED;
          keys[found] = new String(entry, from, length, StandardCharsets.UTF_8);
          keyFrom[found] = from;
          keyLength[found] = length;
        }
        String key = keys[found];
        b.position(from + length);
        double value = b.getDouble();
        long step = b.getLong();
        long time = b.getLong();
        sink.accept(key, value, step, time);
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
