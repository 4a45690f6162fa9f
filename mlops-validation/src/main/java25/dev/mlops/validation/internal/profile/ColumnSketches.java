package dev.mlops.validation.internal.profile;

import dev.mlops.validation.internal.shaded.datasketches.hll.HllSketch;
import dev.mlops.validation.internal.shaded.datasketches.hll.HllUnion;
import dev.mlops.validation.internal.shaded.datasketches.kll.KllDoublesSketch;
import dev.mlops.validation.internal.shaded.datasketches.quantilescommon.QuantileSearchCriteria;
import java.lang.foreign.MemorySegment;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * The two sketches of a column profile: a HyperLogLog sketch (lgK {@value #LG_K}) of the non-null values and a
 * KLL sketch (k {@value #KLL_K}) of the numeric ones, and their bytes in profile JSON.
 *
 * <p>This is the form for Java 25 and later ({@code META-INF/versions/25} of the multi-release jar), over a copy of
 * DataSketches 9 relocated into mlops ({@code dev.mlops.validation.internal.shaded.datasketches}), which works on
 * the Java 22+ foreign memory API and needs no memory library. The form for Java 17 to 24 is the same class over
 * DataSketches 6. Both write and read DataSketches' own serialization format, so a profile written on one Java
 * reads on any other. Not thread-safe.
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
    HllUnion union = new HllUnion(LG_K);
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
   */
  public String hllBase64() {
    return Base64.getEncoder().encodeToString(hll.toCompactByteArray());
  }

  /**
   * Encodes the KLL sketch.
   *
   * @return its bytes in Base64
   */
  public String kllBase64() {
    return Base64.getEncoder().encodeToString(kll.toByteArray());
  }

  /**
   * Decodes sketches written by {@link #hllBase64()} and {@link #kllBase64()}, on this Java or another.
   *
   * @param hllBase64 the HyperLogLog bytes
   * @param kllBase64 the KLL bytes
   * @return the sketches
   */
  public static ColumnSketches fromBase64(String hllBase64, String kllBase64) {
    KllDoublesSketch kll = KllDoublesSketch.heapify(MemorySegment.ofArray(Base64.getDecoder().decode(kllBase64)));
    return new ColumnSketches(HllSketch.heapify(Base64.getDecoder().decode(hllBase64)), kll);
  }
}
