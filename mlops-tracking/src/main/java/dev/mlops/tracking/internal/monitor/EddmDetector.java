package dev.mlops.tracking.internal.monitor;

import dev.mlops.tracking.monitor.EddmConfig;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * EDDM (Baena-Garcia et al. 2006) with River's rules.
 *
 * <p>On every error the distance (in values) to the previous error updates a running mean {@code p'}
 * and sample standard deviation {@code s'} (n - 1 divisor). Once more than {@code warmStart} values
 * were seen, {@code p' + 2 s'} either raises the recorded maximum or, once more than {@code warmStart}
 * errors were seen, is compared with it: a ratio below {@code beta} is a drift, below {@code alpha} a
 * warning, otherwise the warning clears. Correct values only advance the clock, so the flags stay as
 * they were until the next error. MOA's EDDM uses the same ratios as fixed constants (30 errors, 0.95,
 * 0.90). Not thread-safe.
 */
public final class EddmDetector extends StatefulDetector {
  private final EddmConfig config;
  private long n;
  private long lastError;
  private long errors;
  private double distanceMean;
  private double distanceVariance;
  private double p2sMax;

  /**
   * Creates the detector.
   *
   * @param config the settings
   */
  public EddmDetector(EddmConfig config) {
    this.config = config;
    clear();
  }

  @Override
  public String name() {
    return "eddm";
  }

  @Override
  protected boolean binary() {
    return true;
  }

  @Override
  protected void clear() {
    n = 0;
    lastError = 0;
    errors = 0;
    distanceMean = 0.0;
    distanceVariance = 0.0;
    p2sMax = -1;
  }

  @Override
  protected void step(double value) {
    n++;
    if (value != 1.0) {
      return;
    }
    errors++;
    double distance = n - lastError;
    double oldMean = distanceMean;
    distanceMean += (distance - distanceMean) / errors;
    if (errors > 1) {
      distanceVariance += ((distance - oldMean) * (distance - distanceMean) - distanceVariance) / (errors - 1);
    }
    if (n > config.warmStart()) {
      double p2s = distanceMean + 2 * Math.sqrt(distanceVariance);
      if (p2s > p2sMax) {
        p2sMax = p2s;
      } else if (errors > config.warmStart()) {
        double level = p2s / p2sMax;
        if (level < config.beta()) {
          drift = true;
        } else {
          warning = level < config.alpha();
        }
      }
    }
    lastError = n;
  }

  @Override
  protected void writeConfig(ObjectNode node) {
    node.put("warmStart", config.warmStart());
    node.put("alpha", config.alpha());
    node.put("beta", config.beta());
  }

  static EddmConfig readConfig(JsonNode node) {
    return new EddmConfig(JsonFields.getInt(node, "warmStart"), JsonFields.getDouble(node, "alpha"),
        JsonFields.getDouble(node, "beta"));
  }

  @Override
  protected void writeState(ObjectNode node) {
    node.put("n", n);
    node.put("lastError", lastError);
    node.put("errors", errors);
    JsonFields.putDouble(node, "distanceMean", distanceMean);
    JsonFields.putDouble(node, "distanceVariance", distanceVariance);
    JsonFields.putDouble(node, "p2sMax", p2sMax);
  }

  @Override
  protected void readState(JsonNode node) {
    n = JsonFields.getLong(node, "n");
    lastError = JsonFields.getLong(node, "lastError");
    errors = JsonFields.getLong(node, "errors");
    distanceMean = JsonFields.getDouble(node, "distanceMean");
    distanceVariance = JsonFields.getDouble(node, "distanceVariance");
    p2sMax = JsonFields.getDouble(node, "p2sMax");
  }
}
