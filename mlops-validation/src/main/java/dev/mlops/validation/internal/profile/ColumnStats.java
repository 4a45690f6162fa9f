package dev.mlops.validation.internal.profile;

import dev.mlops.core.ConfigurationException;
import dev.mlops.validation.Column;
import dev.mlops.validation.ColumnType;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.Union;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;
import org.jspecify.annotations.Nullable;

/**
 * The mergeable profile state of one column: counts, a HyperLogLog sketch (lgK 12), moments (Welford/Chan), a KLL
 * sketch (k 200) of numeric values, min/max, string lengths, and exact value counts while there are at most
 * {@value #TOP_CAP} distinct values (beyond that the counts are dropped on every side of a merge, so the outcome
 * does not depend on the split). Not thread-safe.
 */
public final class ColumnStats {
  /** Distinct values kept with exact counts. */
  public static final int TOP_CAP = 1000;
  static final int LG_K = 12;
  static final int KLL_K = 200;

  public final String name;
  public final ColumnType type;
  public long count;
  public long nulls;
  public long nans;
  public long empties;
  public long n;
  public double mean;
  public double m2;
  public double min = Double.POSITIVE_INFINITY;
  public double max = Double.NEGATIVE_INFINITY;
  public long minLength = Long.MAX_VALUE;
  public long maxLength = Long.MIN_VALUE;
  public HllSketch hll = new HllSketch(LG_K);
  public final KllDoublesSketch kll;
  public @Nullable Map<String, Long> values = new HashMap<>();

  /**
   * Creates an empty state.
   *
   * @param name the column name
   * @param type the column type
   */
  public ColumnStats(String name, ColumnType type) {
    this(name, type, KllDoublesSketch.newHeapInstance(KLL_K));
  }

  private ColumnStats(String name, ColumnType type, KllDoublesSketch kll) {
    this.name = name;
    this.type = type;
    this.kll = kll;
  }

  /**
   * Folds rows {@code [from, to)} of a column.
   *
   * @param c the column
   * @param from first row
   * @param to end row
   */
  public void add(Column c, int from, int to) {
    for (int r = from; r < to; r++) {
      count++;
      if (c.isNull(r)) {
        nulls++;
        continue;
      }
      String text;
      switch (type) {
        case STRING: {
          String s = c.getString(r);
          text = s;
          hll.update(s);
          if (s.isEmpty()) {
            empties++;
          }
          int len = s.codePointCount(0, s.length());
          minLength = Math.min(minLength, len);
          maxLength = Math.max(maxLength, len);
          break;
        }
        case BOOLEAN:
          text = Boolean.toString(c.getBoolean(r));
          hll.update(c.getBoolean(r) ? 1L : 0L);
          break;
        case DOUBLE: {
          double d = c.getDouble(r);
          text = Double.toString(d);
          hll.update(Double.doubleToLongBits(d == 0.0 ? 0.0 : d));
          if (Double.isNaN(d)) {
            nans++;
          } else {
            addNumber(d);
          }
          break;
        }
        default: {
          long v = c.getLong(r);
          hll.update(v);
          text = c.format(r);
          addNumber(v);
        }
      }
      Map<String, Long> vs = values;
      if (vs != null) {
        vs.merge(text, 1L, Long::sum);
        if (vs.size() > TOP_CAP) {
          values = null;
        }
      }
    }
  }

  private void addNumber(double v) {
    n++;
    double d = v - mean;
    mean += d / n;
    m2 += d * (v - mean);
    min = Math.min(min, v);
    max = Math.max(max, v);
    kll.update(v);
  }

  /**
   * Folds another state of the same column in.
   *
   * @param o the other state
   */
  public void merge(ColumnStats o) {
    count += o.count;
    nulls += o.nulls;
    nans += o.nans;
    empties += o.empties;
    if (o.n > 0) {
      if (n == 0) {
        mean = o.mean;
        m2 = o.m2;
      } else {
        long total = n + o.n;
        double delta = o.mean - mean;
        mean += delta * o.n / total;
        m2 += o.m2 + delta * delta * ((double) n * o.n / total);
      }
      n += o.n;
    }
    min = Math.min(min, o.min);
    max = Math.max(max, o.max);
    minLength = Math.min(minLength, o.minLength);
    maxLength = Math.max(maxLength, o.maxLength);
    Union u = new Union(LG_K);
    u.update(hll);
    u.update(o.hll);
    hll = u.getResult();
    kll.merge(o.kll);
    if (values == null || o.values == null) {
      values = null;
    } else {
      o.values.forEach((k, v) -> values.merge(k, v, Long::sum));
      if (values.size() > TOP_CAP) {
        values = null;
      }
    }
  }

  /**
   * Encodes the HLL sketch.
   *
   * @throws ConfigurationException on a Java version DataSketches' memory library refuses (see
   *     {@link #sketchCodec})
   */
  public String hllBytes() {
    return sketchCodec(() -> Base64.getEncoder().encodeToString(hll.toCompactByteArray()));
  }

  /**
   * Encodes the KLL sketch.
   *
   * @throws ConfigurationException on a Java version DataSketches' memory library refuses
   */
  public String kllBytes() {
    return sketchCodec(() -> Base64.getEncoder().encodeToString(kll.toByteArray()));
  }

  /**
   * Runs a sketch encoding or decoding. DataSketches 6 reads and writes its byte format through
   * datasketches-memory 3, whose class initializer accepts only Java 8, 11, 17 and 21; on any other version
   * (22 and later) the first use fails with an {@link ExceptionInInitializerError} and every later one with
   * a {@link NoClassDefFoundError}. Updating and querying sketches on the heap does not touch that library.
   */
  private static <T> T sketchCodec(Supplier<T> codec) {
    try {
      return codec.get();
    } catch (ExceptionInInitializerError | NoClassDefFoundError e) {
      throw new ConfigurationException("profile JSON holds DataSketches sketches, whose byte format needs"
          + " datasketches-memory 3, which refuses Java " + Runtime.version().feature()
          + " (it runs on Java 8, 11, 17 and 21); profile, validate and suggest work on any version, but"
          + " to write or read profile JSON run on Java 17 or 21: " + e);
    }
  }

  /**
   * Rebuilds a state with sketches decoded from {@link #hllBytes()} and {@link #kllBytes()}.
   *
   * @param name the column name
   * @param type the type
   * @param hllBase64 the HLL bytes
   * @param kllBase64 the KLL bytes
   * @return a state whose counters the caller fills
   */
  public static ColumnStats withSketches(String name, ColumnType type, String hllBase64, String kllBase64) {
    ColumnStats s = new ColumnStats(name, type, sketchCodec(() -> KllDoublesSketch.heapify(
        Memory.wrap(Base64.getDecoder().decode(kllBase64)))));
    s.hll = sketchCodec(() -> HllSketch.heapify(Base64.getDecoder().decode(hllBase64)));
    return s;
  }
}
