package dev.mlops.tracking.internal.monitor;

import dev.mlops.tracking.monitor.ChangeDirection;
import dev.mlops.tracking.monitor.PageHinkleyConfig;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Page-Hinkley test with River's rules.
 *
 * <p>With {@code m} the running mean (including the new value) and {@code d = x - m}, two fading sums
 * are kept: {@code up = alpha * up + d - delta} and {@code down = alpha * down + d + delta}, with the
 * smallest {@code up} and the largest {@code down} seen so far. Once {@code minInstances} values were
 * seen, a drift is reported when {@code up - min(up) > threshold} (increase) or
 * {@code max(down) - down > threshold} (decrease), as the direction allows. River starts the largest
 * {@code down} at {@code -1} rather than minus infinity; this detector keeps that starting value so its
 * detection points equal River's. MOA's PageHinkleyDM (and River's releases before the two-sided
 * rewrite) watches increases only and clamps a single fading sum at zero instead of tracking its
 * minimum, so its detection points differ. No warning zone. Not thread-safe.
 */
public final class PageHinkleyDetector extends StatefulDetector {
  private final PageHinkleyConfig config;
  private long n;
  private double mean;
  private double sumIncrease;
  private double sumDecrease;
  private double minIncrease;
  private double maxDecrease;

  /**
   * Creates the detector.
   *
   * @param config the settings
   */
  public PageHinkleyDetector(PageHinkleyConfig config) {
    this.config = config;
    clear();
  }

  @Override
  public String name() {
    return "page-hinkley";
  }

  @Override
  protected boolean binary() {
    return false;
  }

  @Override
  protected void clear() {
    n = 0;
    mean = 0.0;
    sumIncrease = 0.0;
    sumDecrease = 0.0;
    minIncrease = Double.POSITIVE_INFINITY;
    maxDecrease = -1.0;
  }

  @Override
  protected void step(double value) {
    n++;
    mean += (value - mean) / n;
    double deviation = value - mean;
    sumIncrease = config.alpha() * sumIncrease + deviation - config.delta();
    sumDecrease = config.alpha() * sumDecrease + deviation + config.delta();
    if (sumIncrease < minIncrease) {
      minIncrease = sumIncrease;
    }
    if (sumDecrease > maxDecrease) {
      maxDecrease = sumDecrease;
    }
    if (n >= config.minInstances()) {
      boolean up = sumIncrease - minIncrease > config.threshold();
      boolean down = maxDecrease - sumDecrease > config.threshold();
      drift = config.direction() == ChangeDirection.UP ? up
          : config.direction() == ChangeDirection.DOWN ? down : up || down;
    }
  }

  @Override
  protected void writeConfig(ObjectNode node) {
    node.put("minInstances", config.minInstances());
    node.put("delta", config.delta());
    node.put("threshold", config.threshold());
    node.put("alpha", config.alpha());
    node.put("direction", config.direction().name());
  }

  static PageHinkleyConfig readConfig(JsonNode node) {
    return new PageHinkleyConfig(JsonFields.getInt(node, "minInstances"), JsonFields.getDouble(node, "delta"),
        JsonFields.getDouble(node, "threshold"), JsonFields.getDouble(node, "alpha"),
        DetectorCodec.direction(JsonFields.getString(node, "direction")));
  }

  @Override
  protected void writeState(ObjectNode node) {
    node.put("n", n);
    JsonFields.putDouble(node, "mean", mean);
    JsonFields.putDouble(node, "sumIncrease", sumIncrease);
    JsonFields.putDouble(node, "sumDecrease", sumDecrease);
    JsonFields.putDouble(node, "minIncrease", minIncrease);
    JsonFields.putDouble(node, "maxDecrease", maxDecrease);
  }

  @Override
  protected void readState(JsonNode node) {
    n = JsonFields.getLong(node, "n");
    mean = JsonFields.getDouble(node, "mean");
    sumIncrease = JsonFields.getDouble(node, "sumIncrease");
    sumDecrease = JsonFields.getDouble(node, "sumDecrease");
    minIncrease = JsonFields.getDouble(node, "minIncrease");
    maxDecrease = JsonFields.getDouble(node, "maxDecrease");
  }
}
