package dev.mlops.tracking.internal.monitor;

import dev.mlops.tracking.monitor.ChangeDirection;
import dev.mlops.tracking.monitor.CusumConfig;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tabular CUSUM chart with River's rules.
 *
 * <p>The mean and the sample standard deviation (n - 1 divisor, Welford) of the first
 * {@code minInstances} values are frozen as the reference {@code mu} and {@code sigma}. From that value
 * on, {@code up = max(0, up + x - mu - k)} and {@code down = max(0, down - (x - mu) - k)} with
 * {@code k = slack * sigma}; a drift is reported when a watched sum exceeds {@code threshold * sigma}.
 * MOA's CusumDM instead compares against the running mean of all values and uses absolute (not
 * sigma-scaled) slack and threshold. No warning zone. Not thread-safe.
 */
public final class CusumDetector extends StatefulDetector {
  private final CusumConfig config;
  private long n;
  private double mean;
  private double variance;
  private boolean frozen;
  private double reference;
  private double sigma;
  private double sumIncrease;
  private double sumDecrease;

  /**
   * Creates the detector.
   *
   * @param config the settings
   */
  public CusumDetector(CusumConfig config) {
    this.config = config;
    clear();
  }

  @Override
  public String name() {
    return "cusum";
  }

  @Override
  protected boolean binary() {
    return false;
  }

  @Override
  protected void clear() {
    n = 0;
    mean = 0.0;
    variance = 0.0;
    frozen = false;
    reference = 0.0;
    sigma = 0.0;
    sumIncrease = 0.0;
    sumDecrease = 0.0;
  }

  @Override
  protected void step(double value) {
    n++;
    double oldMean = mean;
    mean += (value - mean) / n;
    if (n > 1) {
      variance += ((value - oldMean) * (value - mean) - variance) / (n - 1);
    }
    if (n < config.minInstances()) {
      drift = false;
      return;
    }
    if (!frozen) {
      frozen = true;
      reference = mean;
      sigma = Math.sqrt(Math.max(variance, 0.0));
    }
    double k = config.slack() * sigma;
    double limit = config.threshold() * sigma;
    double deviation = value - reference;
    sumIncrease = Math.max(0.0, sumIncrease + deviation - k);
    sumDecrease = Math.max(0.0, sumDecrease - deviation - k);
    boolean up = sumIncrease > limit;
    boolean down = sumDecrease > limit;
    drift = config.direction() == ChangeDirection.UP ? up
        : config.direction() == ChangeDirection.DOWN ? down : up || down;
  }

  @Override
  protected void writeConfig(ObjectNode node) {
    node.put("minInstances", config.minInstances());
    node.put("slack", config.slack());
    node.put("threshold", config.threshold());
    node.put("direction", config.direction().name());
  }

  static CusumConfig readConfig(JsonNode node) {
    return new CusumConfig(JsonFields.getInt(node, "minInstances"), JsonFields.getDouble(node, "slack"),
        JsonFields.getDouble(node, "threshold"), DetectorCodec.direction(JsonFields.getString(node, "direction")));
  }

  @Override
  protected void writeState(ObjectNode node) {
    node.put("n", n);
    JsonFields.putDouble(node, "mean", mean);
    JsonFields.putDouble(node, "variance", variance);
    node.put("frozen", frozen);
    JsonFields.putDouble(node, "reference", reference);
    JsonFields.putDouble(node, "sigma", sigma);
    JsonFields.putDouble(node, "sumIncrease", sumIncrease);
    JsonFields.putDouble(node, "sumDecrease", sumDecrease);
  }

  @Override
  protected void readState(JsonNode node) {
    n = JsonFields.getLong(node, "n");
    mean = JsonFields.getDouble(node, "mean");
    variance = JsonFields.getDouble(node, "variance");
    frozen = JsonFields.getBoolean(node, "frozen");
    reference = JsonFields.getDouble(node, "reference");
    sigma = JsonFields.getDouble(node, "sigma");
    sumIncrease = JsonFields.getDouble(node, "sumIncrease");
    sumDecrease = JsonFields.getDouble(node, "sumDecrease");
  }
}
