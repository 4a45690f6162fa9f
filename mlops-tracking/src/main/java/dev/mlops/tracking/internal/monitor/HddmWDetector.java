package dev.mlops.tracking.internal.monitor;

import dev.mlops.tracking.monitor.HddmWConfig;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * HDDM_W (Frias-Blanco et al. 2014) with River's rules, which River took from MOA.
 *
 * <p>Keeps an exponentially weighted mean of the error stream with its independent-bound condition
 * {@code ibc <- lambda^2 + (1 - lambda)^2 ibc}. The prefix whose McDiarmid upper bound
 * {@code ewma + sqrt(ibc ln(1/driftConfidence) / 2)} was lowest becomes the cut point for increases
 * (the highest lower bound for decreases); values after the cut feed a second weighted mean. The mean
 * rose when the second mean exceeds the cut's by more than
 * {@code sqrt((ibc1 + ibc2) ln(1/confidence) / 2)}; at the drift confidence that is a drift, at the
 * warning confidence a warning. A weighted mean starts at its first value. River's weighted mean
 * restarts from the value whenever it is exactly 0, which on a stream of 0 and 1 happens only before
 * the first 1 and so gives the same means. River ports MOA's {@code HDDM_W_Test}; both forget all
 * statistics on the value after a drift. Not thread-safe.
 */
public final class HddmWDetector extends StatefulDetector {
  private final HddmWConfig config;
  private final double logInverseDrift;
  private final double logInverseWarning;
  private final Sample total = new Sample();
  private final Sample increaseCut = new Sample();
  private final Sample increaseAfter = new Sample();
  private final Sample decreaseCut = new Sample();
  private final Sample decreaseAfter = new Sample();
  private double increaseCutPoint;
  private double decreaseCutPoint;

  /**
   * Creates the detector.
   *
   * @param config the settings
   */
  public HddmWDetector(HddmWConfig config) {
    this.config = config;
    this.logInverseDrift = Math.log(1 / config.driftConfidence());
    this.logInverseWarning = Math.log(1 / config.warningConfidence());
    clear();
  }

  @Override
  public String name() {
    return "hddm-w";
  }

  @Override
  protected boolean binary() {
    return true;
  }

  @Override
  protected void clear() {
    total.clear();
    increaseCut.clear();
    increaseAfter.clear();
    decreaseCut.clear();
    decreaseAfter.clear();
    increaseCutPoint = Double.POSITIVE_INFINITY;
    decreaseCutPoint = Double.NEGATIVE_INFINITY;
  }

  private static double mcDiarmid(double ibc, double logInverseConfidence) {
    return Math.sqrt(ibc * logInverseConfidence / 2);
  }

  @Override
  protected void step(double value) {
    double lambda = config.lambda();
    total.update(value, lambda);

    double eps = mcDiarmid(total.ibc, logInverseDrift);
    if (total.ewma + eps < increaseCutPoint) {
      increaseCutPoint = total.ewma + eps;
      increaseCut.copyFrom(total);
      increaseAfter.clear();
    } else {
      increaseAfter.update(value, lambda);
    }
    if (changed(increaseCut, increaseAfter, logInverseDrift)) {
      warning = false;
      drift = true;
    } else if (changed(increaseCut, increaseAfter, logInverseWarning)) {
      warning = true;
      drift = false;
    } else {
      warning = false;
      drift = false;
    }

    eps = mcDiarmid(total.ibc, logInverseDrift);
    if (total.ewma - eps > decreaseCutPoint) {
      decreaseCutPoint = total.ewma - eps;
      decreaseCut.copyFrom(total);
      decreaseAfter.clear();
    } else {
      decreaseAfter.update(value, lambda);
    }
    if (config.twoSided()) {
      if (changed(decreaseAfter, decreaseCut, logInverseDrift)) {
        drift = true;
      } else if (changed(decreaseAfter, decreaseCut, logInverseWarning)) {
        warning = true;
      }
    }
  }

  private static boolean changed(Sample first, Sample second, double logInverseConfidence) {
    if (!(first.initialized && second.initialized)) {
      return false;
    }
    return second.ewma - first.ewma > mcDiarmid(first.ibc + second.ibc, logInverseConfidence);
  }

  @Override
  protected void writeConfig(ObjectNode node) {
    node.put("driftConfidence", config.driftConfidence());
    node.put("warningConfidence", config.warningConfidence());
    node.put("lambda", config.lambda());
    node.put("twoSided", config.twoSided());
  }

  static HddmWConfig readConfig(JsonNode node) {
    return new HddmWConfig(JsonFields.getDouble(node, "driftConfidence"),
        JsonFields.getDouble(node, "warningConfidence"), JsonFields.getDouble(node, "lambda"),
        JsonFields.getBoolean(node, "twoSided"));
  }

  @Override
  protected void writeState(ObjectNode node) {
    total.write(node.putObject("total"));
    increaseCut.write(node.putObject("increaseCut"));
    increaseAfter.write(node.putObject("increaseAfter"));
    decreaseCut.write(node.putObject("decreaseCut"));
    decreaseAfter.write(node.putObject("decreaseAfter"));
    JsonFields.putDouble(node, "increaseCutPoint", increaseCutPoint);
    JsonFields.putDouble(node, "decreaseCutPoint", decreaseCutPoint);
  }

  @Override
  protected void readState(JsonNode node) {
    total.read(JsonFields.field(node, "total"));
    increaseCut.read(JsonFields.field(node, "increaseCut"));
    increaseAfter.read(JsonFields.field(node, "increaseAfter"));
    decreaseCut.read(JsonFields.field(node, "decreaseCut"));
    decreaseAfter.read(JsonFields.field(node, "decreaseAfter"));
    increaseCutPoint = JsonFields.getDouble(node, "increaseCutPoint");
    decreaseCutPoint = JsonFields.getDouble(node, "decreaseCutPoint");
  }

  /** An exponentially weighted mean with its independent-bound condition. */
  private static final class Sample {
    double ewma;
    double ibc;
    boolean initialized;

    void clear() {
      ewma = 0.0;
      ibc = 1.0;
      initialized = false;
    }

    void update(double value, double lambda) {
      ewma = initialized ? lambda * value + (1 - lambda) * ewma : value;
      initialized = true;
      ibc = lambda * lambda + (1 - lambda) * (1 - lambda) * ibc;
    }

    void copyFrom(Sample other) {
      ewma = other.ewma;
      ibc = other.ibc;
      initialized = other.initialized;
    }

    void write(ObjectNode node) {
      JsonFields.putDouble(node, "ewma", ewma);
      JsonFields.putDouble(node, "ibc", ibc);
      node.put("initialized", initialized);
    }

    void read(JsonNode node) {
      ewma = JsonFields.getDouble(node, "ewma");
      ibc = JsonFields.getDouble(node, "ibc");
      initialized = JsonFields.getBoolean(node, "initialized");
    }
  }
}
