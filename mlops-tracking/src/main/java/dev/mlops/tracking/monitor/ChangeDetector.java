package dev.mlops.tracking.monitor;

import dev.mlops.tracking.internal.monitor.AdwinDetector;
import dev.mlops.tracking.internal.monitor.CusumDetector;
import dev.mlops.tracking.internal.monitor.DdmDetector;
import dev.mlops.tracking.internal.monitor.DetectorCodec;
import dev.mlops.tracking.internal.monitor.EddmDetector;
import dev.mlops.tracking.internal.monitor.HddmADetector;
import dev.mlops.tracking.internal.monitor.HddmWDetector;
import dev.mlops.tracking.internal.monitor.KswinDetector;
import dev.mlops.tracking.internal.monitor.PageHinkleyDetector;
import java.util.Objects;

/**
 * A streaming change detector: feed it one value at a time and ask whether the stream has drifted.
 *
 * <pre>{@code
 * ChangeDetector detector = ChangeDetector.adwin();
 * for (double value : stream) {
 *   detector.update(value);
 *   if (detector.driftDetected()) {
 *     ...
 *   }
 * }
 * }</pre>
 *
 * <p>The factories build the detectors of River ({@code river.drift}) with River's defaults, and the
 * detectors follow River's update rules, including when the flags reset: a detector that reported a
 * drift starts afresh (forgets everything it has seen) on the next {@link #update(double)}, as River's
 * detectors do. The binary detectors ({@link #ddm()}, {@link #eddm()}, {@link #hddmA()},
 * {@link #hddmW()}) expect {@code 1} for an error and {@code 0} for a correct prediction.
 *
 * <p>Detectors are not thread-safe: confine one to a thread, or use a {@link MetricMonitor}, which
 * guards its detector with a lock. {@link #toJson()} and {@link #fromJson(String)} save and restore the
 * full state, so a restored detector continues exactly like the original.
 */
public interface ChangeDetector {
  /**
   * Feeds the next value of the stream.
   *
   * @param value the value; {@code 0} or {@code 1} for the binary detectors
   * @throws dev.mlops.core.InvalidInputException if the value is NaN or infinite, or not {@code 0} or
   *     {@code 1} for a binary detector; the detector is then unchanged
   */
  void update(double value);

  /**
   * Tells whether the last {@link #update(double)} detected a drift.
   *
   * @return {@code true} if a drift was detected at the last value
   */
  boolean driftDetected();

  /**
   * Tells whether the detector is in its warning zone after the last update; detectors without a
   * warning zone (ADWIN, Page-Hinkley, CUSUM, KSWIN) always return {@code false}.
   *
   * @return {@code true} in the warning zone
   */
  boolean warningDetected();

  /** Returns the detector to the state it had right after it was built. */
  void reset();

  /**
   * Returns the detector's short name, such as {@code adwin} or {@code page-hinkley}.
   *
   * @return the name
   */
  String name();

  /**
   * Returns an independent copy with the same configuration and state.
   *
   * @return the copy
   */
  ChangeDetector copy();

  /**
   * Serializes the configuration and the full state as versioned JSON.
   *
   * @return the JSON document, restorable with {@link #fromJson(String)}
   */
  String toJson();

  /**
   * Restores a detector saved with {@link #toJson()}.
   *
   * @param json the document
   * @return a detector that continues exactly like the one that was saved
   * @throws dev.mlops.core.CorruptedDataException if the document is not a detector state this version
   *     can read; the message names the field at fault
   */
  static ChangeDetector fromJson(String json) {
    return DetectorCodec.decode(Objects.requireNonNull(json, "json"));
  }

  /**
   * ADWIN with River's defaults ({@link AdwinConfig#defaults()}).
   *
   * @return a new detector
   */
  static ChangeDetector adwin() {
    return adwin(AdwinConfig.defaults());
  }

  /**
   * ADWIN, adaptive windowing (Bifet and Gavalda 2007), as River implements it.
   *
   * <p>Where MOA differs: MOA's ADWIN also tries the last bucket of each histogram row as a cut point
   * (River does not, see River issue #1539), and after a drift MOA keeps the shrunk window while River,
   * and this detector, forget the whole window on the next value.
   *
   * @param config the settings
   * @return a new detector
   */
  static ChangeDetector adwin(AdwinConfig config) {
    return new AdwinDetector(Objects.requireNonNull(config, "config"));
  }

  /**
   * Page-Hinkley with River's defaults ({@link PageHinkleyConfig#defaults()}).
   *
   * @return a new detector
   */
  static ChangeDetector pageHinkley() {
    return pageHinkley(PageHinkleyConfig.defaults());
  }

  /**
   * The Page-Hinkley test on a fading mean, as River implements it.
   *
   * <p>Where MOA differs: MOA's PageHinkleyDM (like River's releases before the two-sided rewrite)
   * watches increases only and clamps one fading sum at zero instead of tracking its running minimum.
   *
   * @param config the settings
   * @return a new detector
   */
  static ChangeDetector pageHinkley(PageHinkleyConfig config) {
    return new PageHinkleyDetector(Objects.requireNonNull(config, "config"));
  }

  /**
   * CUSUM with River's defaults ({@link CusumConfig#defaults()}).
   *
   * @return a new detector
   */
  static ChangeDetector cusum() {
    return cusum(CusumConfig.defaults());
  }

  /**
   * The tabular CUSUM chart against a reference frozen after a warm-up, as River implements it.
   *
   * <p>Where MOA differs: MOA's CusumDM compares each value with the running mean of all values and
   * takes absolute slack and threshold, where River freezes the warm-up's mean and scales both by its
   * standard deviation.
   *
   * @param config the settings
   * @return a new detector
   */
  static ChangeDetector cusum(CusumConfig config) {
    return new CusumDetector(Objects.requireNonNull(config, "config"));
  }

  /**
   * DDM with River's defaults ({@link DdmConfig#defaults()}).
   *
   * @return a new detector
   */
  static ChangeDetector ddm() {
    return ddm(DdmConfig.defaults());
  }

  /**
   * DDM, the drift detection method on an error stream (Gama et al. 2004), as River implements it.
   *
   * <p>The tests are MOA's; MOA's classic DDM fixes the warning and drift levels at 2 and 3 standard
   * deviations, River makes them settings. On a low error rate the default warm start of 30 values is short, and
   * DDM raises early false alarms; raise {@link DdmConfig#warmStart()} for such streams.
   *
   * @param config the settings
   * @return a new detector
   */
  static ChangeDetector ddm(DdmConfig config) {
    return new DdmDetector(Objects.requireNonNull(config, "config"));
  }

  /**
   * EDDM with River's defaults ({@link EddmConfig#defaults()}).
   *
   * @return a new detector
   */
  static ChangeDetector eddm() {
    return eddm(EddmConfig.defaults());
  }

  /**
   * EDDM, the early drift detection method on distances between errors, as River implements it.
   *
   * <p>Where MOA differs: MOA's EDDM fixes the levels (0.95, 0.90) and the 30-error warm start as
   * constants; River makes them settings.
   *
   * @param config the settings
   * @return a new detector
   */
  static ChangeDetector eddm(EddmConfig config) {
    return new EddmDetector(Objects.requireNonNull(config, "config"));
  }

  /**
   * HDDM_A with River's defaults ({@link HddmAConfig#defaults()}).
   *
   * @return a new detector
   */
  static ChangeDetector hddmA() {
    return hddmA(HddmAConfig.defaults());
  }

  /**
   * HDDM_A, Hoeffding-bound drift detection with the average as estimator, as River implements it.
   *
   * <p>River ports MOA's {@code HDDM_A_Test}; the tests are the same.
   *
   * @param config the settings
   * @return a new detector
   */
  static ChangeDetector hddmA(HddmAConfig config) {
    return new HddmADetector(Objects.requireNonNull(config, "config"));
  }

  /**
   * HDDM_W with River's defaults ({@link HddmWConfig#defaults()}).
   *
   * @return a new detector
   */
  static ChangeDetector hddmW() {
    return hddmW(HddmWConfig.defaults());
  }

  /**
   * HDDM_W, McDiarmid-bound drift detection with an exponentially weighted average, as River
   * implements it.
   *
   * <p>River ports MOA's {@code HDDM_W_Test}; the tests are the same.
   *
   * @param config the settings
   * @return a new detector
   */
  static ChangeDetector hddmW(HddmWConfig config) {
    return new HddmWDetector(Objects.requireNonNull(config, "config"));
  }

  /**
   * KSWIN with River's defaults and a seed ({@link KswinConfig#defaults(long)}).
   *
   * @param seed the seed of the random sampling
   * @return a new detector
   */
  static ChangeDetector kswin(long seed) {
    return kswin(KswinConfig.defaults(seed));
  }

  /**
   * KSWIN, Kolmogorov-Smirnov windowing (Raab et al. 2020), as River implements it.
   *
   * <p>The random sample of the older window is drawn with a port of CPython's
   * {@code random.Random(seed)}, the generator River uses, so for the same seed the detection points
   * equal River's. The draws differ from numpy's generator (used by scikit-multiflow's KSWIN), so
   * detection points on random input may differ from numpy-based implementations.
   *
   * @param config the settings
   * @return a new detector
   */
  static ChangeDetector kswin(KswinConfig config) {
    return new KswinDetector(Objects.requireNonNull(config, "config"));
  }
}
