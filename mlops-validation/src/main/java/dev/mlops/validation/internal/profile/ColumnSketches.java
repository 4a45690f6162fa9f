package dev.mlops.validation.internal.profile;

import dev.mlops.core.ConfigurationException;
import java.util.Base64;
import java.util.function.Supplier;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.Union;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;
import org.jspecify.annotations.Nullable;

/**
 * The two sketches of a column profile: a HyperLogLog sketch (lgK {@value #LG_K}) of the non-null values and a
 * KLL sketch (k {@value #KLL_K}) of the numeric ones, and their bytes in profile JSON.
 *
 * <p>This is the form for Java 17 to 24, over DataSketches 6. Its byte form goes through datasketches-memory 3,
 * whose class initializer accepts only Java 8, 11, 17 and 21. The jar holds a second form of this class for
 * Java 25 and later ({@code META-INF/versions/25}, a multi-release jar), over a copy of DataSketches 9 relocated
 * into mlops, which needs no memory library. Both write and read DataSketches' own serialization format, so a
 * profile written on one Java reads on any other. Not thread-safe.
 */
public final class ColumnSketches {
  /** log2 of the HyperLogLog sketch's number of buckets. */
  public static final int LG_K = 12;
  /** The KLL sketch's accuracy parameter. */
  public static final int KLL_K = 200;

  private HllSketch hll;
  private final KllDoublesSketch kll;

  /** Creates empty sketches. */
  public ColumnSketches() {
    this(new HllSketch(LG_K), KllDoublesSketch.newHeapInstance(KLL_K));
  }

  private ColumnSketches(HllSketch hll, KllDoublesSketch kll) {
    this.hll = hll;
    this.kll = kll;
  }

  /**
   * Counts a string value as seen.
   *
   * @param value the value
   */
  public void addDistinct(String value) {
    hll.update(value);
  }

  /**
   * Counts a value, encoded as a long, as seen.
   *
   * @param value the value's encoding
   */
  public void addDistinct(long value) {
    hll.update(value);
  }

  /**
   * Adds a numeric value to the quantile sketch.
   *
   * @param value the value, not NaN
   */
  public void addNumber(double value) {
    kll.update(value);
  }

  /**
   * Folds other sketches in.
   *
   * @param other the sketches of another part of the same column
   */
  public void merge(ColumnSketches other) {
    Union union = new Union(LG_K);
    union.update(hll);
    union.update(other.hll);
    hll = union.getResult();
    kll.merge(other.kll);
  }

  /**
   * Returns the estimated number of distinct values.
   *
   * @return the estimate, 0 when nothing was counted
   */
  public double approxDistinct() {
    return hll.isEmpty() ? 0 : hll.getEstimate();
  }

  /**
   * Returns whether the quantile sketch holds no value.
   *
   * @return true without numeric values
   */
  public boolean noNumbers() {
    return kll.isEmpty();
  }

  /**
   * Returns an approximate quantile (inclusive search).
   *
   * @param q the quantile in {@code [0, 1]}
   * @return the value, or {@code null} without numeric values
   */
  public @Nullable Double quantile(double q) {
    return kll.isEmpty() ? null : kll.getQuantile(q, QuantileSearchCriteria.INCLUSIVE);
  }

  /**
   * Returns the approximate CDF at split points (exclusive search).
   *
   * @param splits increasing split points
   * @return the fractions of values below each split, and 1.0 last
   */
  public double[] cdf(double[] splits) {
    return kll.getCDF(splits, QuantileSearchCriteria.EXCLUSIVE);
  }

  /**
   * Encodes the HyperLogLog sketch.
   *
   * @return its compact bytes in Base64
   * @throws ConfigurationException on a Java version DataSketches' memory library refuses
   */
  public String hllBase64() {
    return codec(() -> Base64.getEncoder().encodeToString(hll.toCompactByteArray()));
  }

  /**
   * Encodes the KLL sketch.
   *
   * @return its bytes in Base64
   * @throws ConfigurationException on a Java version DataSketches' memory library refuses
   */
  public String kllBase64() {
    return codec(() -> Base64.getEncoder().encodeToString(kll.toByteArray()));
  }

  /**
   * Decodes sketches written by {@link #hllBase64()} and {@link #kllBase64()}, on this Java or another.
   *
   * @param hllBase64 the HyperLogLog bytes
   * @param kllBase64 the KLL bytes
   * @return the sketches
   * @throws ConfigurationException on a Java version DataSketches' memory library refuses
   */
  public static ColumnSketches fromBase64(String hllBase64, String kllBase64) {
    KllDoublesSketch kll = codec(() -> KllDoublesSketch.heapify(Memory.wrap(Base64.getDecoder().decode(kllBase64))));
    return new ColumnSketches(codec(() -> HllSketch.heapify(Base64.getDecoder().decode(hllBase64))), kll);
  }

  /**
   * Runs an encoding or decoding. On Java 22 to 24 the first use of datasketches-memory 3 fails in its class
   * initializer ({@link ExceptionInInitializerError}) and every later one with {@link NoClassDefFoundError}.
   * Updating and querying the sketches on the heap does not touch that library.
   */
  private static <T> T codec(Supplier<T> codec) {
    try {
      return codec.get();
    } catch (ExceptionInInitializerError | NoClassDefFoundError e) {
      throw new ConfigurationException("profile JSON holds DataSketches sketches; on Java "
          + Runtime.version().feature() + " their byte format is out of reach (DataSketches 6 reads and writes it"
          + " through datasketches-memory 3, which runs on Java 8, 11, 17 and 21; from Java 25 on mlops uses"
          + " DataSketches 9): profile, validate and suggest work on any version, but to write or read profile"
          + " JSON run on Java 17, 21 or 25: " + e);
    }
  }
}
