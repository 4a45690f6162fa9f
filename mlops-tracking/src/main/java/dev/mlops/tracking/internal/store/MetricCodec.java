package dev.mlops.tracking.internal.store;

import dev.mlops.core.CorruptedDataException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import dev.mlops.tracking.MetricPointSink;
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
   * Unpacks one entry that lies in a larger buffer (as {@link dev.mlops.core.spi.SeriesStore#forEachEntry}
   * passes it) into a sink, point by point, without copying it. A point whose key is the previous point's
   * is recognized by comparing a few bytes in place; with up to eight distinct keys in the entry, each key is
   * decoded once and its points pass the same string.
   *
   * @param seriesKey the series key, for error messages
   * @param buffer holds the entry
   * @param offset where the entry starts
   * @param length the entry's length
   * @param sink where the points go, in logging order
   * @throws CorruptedDataException if the entry is not of this format
   */
  public static void decode(String seriesKey, byte[] buffer, int offset, int length, MetricPointSink sink) {
    try {
      ByteBuffer b = ByteBuffer.wrap(buffer, offset, length);
      int end = offset + length;
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
      int last = -1;
      for (int i = 0; i < count; i++) {
        int keyLen = b.getShort() & 0xFFFF;
        int from = b.position();
        if (from + keyLen > end) {
          throw new CorruptedDataException("metric series '" + seriesKey + "' holds a truncated entry");
        }
        int found = last >= 0 && keyLength[last] == keyLen && sameBytes(buffer, from, keyFrom[last], keyLen)
            ? last : -1;
        for (int k = 0; k < remembered && found < 0; k++) {
          if (keyLength[k] == keyLen && sameBytes(buffer, from, keyFrom[k], keyLen)) {
            found = k;
          }
        }
        if (found < 0) {
          found = remembered < KEYS_REMEMBERED ? remembered++ : replace++ % KEYS_REMEMBERED;
          keys[found] = new String(buffer, from, keyLen, StandardCharsets.UTF_8);
          keyFrom[found] = from;
          keyLength[found] = keyLen;
        }
        last = found;
        b.position(from + keyLen);
        double value = b.getDouble();
        long step = b.getLong();
        long time = b.getLong();
        sink.accept(keys[found], value, step, time);
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

  /** Compares two short ranges of one buffer (keys are a few bytes: a plain loop beats a call here). */
  private static boolean sameBytes(byte[] b, int from, int other, int length) {
    for (int i = 0; i < length; i++) {
      if (b[from + i] != b[other + i]) {
        return false;
      }
    }
    return true;
  }
}
