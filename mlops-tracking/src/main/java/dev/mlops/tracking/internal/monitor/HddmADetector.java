package dev.mlops.tracking.internal.monitor;

import dev.mlops.tracking.monitor.HddmAConfig;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * HDDM_A (Frias-Blanco et al. 2014) with River's rules, which River took from MOA.
 *
 * <p>Keeps the global mean of the error stream and two cut points: the prefix whose Hoeffding upper
 * bound {@code mean + sqrt(ln(1/driftConfidence) / 2n)} was lowest (for increases) and the prefix
 * whose lower bound was highest (for decreases). The mean rose when {@code mean - cutMean >=
 * sqrt(m / 2 * ln(2 / confidence))} with {@code m = (n - nCut) / (nCut * n)}; tested at the drift
 * confidence this is a drift, at the warning confidence a warning. Each value sets both flags afresh.
 * River ports MOA's {@code HDDM_A_Test}; both forget all statistics on the value after a drift. Not
 * thread-safe.
 */
public final class HddmADetector extends StatefulDetector {
  private final HddmAConfig config;
  private final double logInverseDrift;
  private final double logTwiceInverseDrift;
  private final double logTwiceInverseWarning;
  private long zN;
  private double zMean;
  private long minN;
  private double minMean;
  private long maxN;
  private double maxMean;

  /**
   * Creates the detector.
   *
   * @param config the settings
   */
  public HddmADetector(HddmAConfig config) {
    this.config = config;
    this.logInverseDrift = Math.log(1.0 / config.driftConfidence());
    this.logTwiceInverseDrift = Math.log(2.0 / config.driftConfidence());
    this.logTwiceInverseWarning = Math.log(2.0 / config.warningConfidence());
    clear();
  }

  @Override
  public String name() {
    return "hddm-a";
  }

  @Override
  protected boolean binary() {
    return true;
  }

  @Override
  protected void clear() {
    zN = 0;
    zMean = 0.0;
    minN = 0;
    minMean = 0.0;
    maxN = 0;
    maxMean = 0.0;
  }

  private double hoeffding(double n) {
    return Math.sqrt(1.0 / (2 * n) * logInverseDrift);
  }

  @Override
  protected void step(double value) {
    zN++;
    zMean += (value - zMean) / zN;
    if (minN == 0) {
      minN = zN;
      minMean = zMean;
    }
    if (maxN == 0) {
      maxN = zN;
      maxMean = zMean;
    }
    double epsZ = hoeffding(zN);
    if (minMean + hoeffding(minN) >= zMean + epsZ) {
      minN = zN;
      minMean = zMean;
    }
    if (maxMean - hoeffding(maxN) <= zMean - epsZ) {
      maxN = zN;
      maxMean = zMean;
    }
    if (changed(minN, zMean - minMean, logTwiceInverseDrift)) {
      warning = false;
      drift = true;
    } else if (changed(minN, zMean - minMean, logTwiceInverseWarning)) {
      warning = true;
      drift = false;
    } else {
      warning = false;
      drift = false;
    }
    if (config.twoSided()) {
      if (changed(maxN, maxMean - zMean, logTwiceInverseDrift)) {
        drift = true;
      } else if (changed(maxN, maxMean - zMean, logTwiceInverseWarning)) {
        warning = true;
      }
    }
  }

  private boolean changed(long cutN, double difference, double logTwiceInverseConfidence) {
    if (cutN == zN) {
      return false;
    }
    double m = (double) (zN - cutN) / cutN * (1.0 / zN);
    double eps = Math.sqrt(m / 2 * logTwiceInverseConfidence);
    return difference >= eps;
  }

  @Override
  protected void writeConfig(ObjectNode node) {
    node.put("driftConfidence", config.driftConfidence());
    node.put("warningConfidence", config.warningConfidence());
    node.put("twoSided", config.twoSided());
  }

  static HddmAConfig readConfig(JsonNode node) {
    return new HddmAConfig(JsonFields.getDouble(node, "driftConfidence"),
        JsonFields.getDouble(node, "warningConfidence"), JsonFields.getBoolean(node, "twoSided"));
  }

  @Override
  protected void writeState(ObjectNode node) {
    node.put("zN", zN);
    JsonFields.putDouble(node, "zMean", zMean);
    node.put("minN", minN);
    JsonFields.putDouble(node, "minMean", minMean);
    node.put("maxN", maxN);
    JsonFields.putDouble(node, "maxMean", maxMean);
  }

  @Override
  protected void readState(JsonNode node) {
    zN = JsonFields.getLong(node, "zN");
    zMean = JsonFields.getDouble(node, "zMean");
    minN = JsonFields.getLong(node, "minN");
    minMean = JsonFields.getDouble(node, "minMean");
    maxN = JsonFields.getLong(node, "maxN");
    maxMean = JsonFields.getDouble(node, "maxMean");
  }
}
