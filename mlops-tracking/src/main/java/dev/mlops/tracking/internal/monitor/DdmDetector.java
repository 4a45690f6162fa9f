package dev.mlops.tracking.internal.monitor;

import dev.mlops.tracking.monitor.DdmConfig;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * DDM (Gama et al. 2004) with River's rules.
 *
 * <p>With {@code p} the error rate so far and {@code s = sqrt(p (1 - p) / n)}, once more than
 * {@code warmStart} values were seen the detector records {@code p_min, s_min} whenever
 * {@code p + s <= p_min + s_min}, warns while {@code p + s > p_min + warningThreshold * s_min} and
 * reports a drift (clearing the warning) when {@code p + s > p_min + driftThreshold * s_min}. These are
 * the tests of MOA's DDM, whose thresholds are the constants 2 and 3; River makes them and the warm
 * start settings. No flag is raised during the warm start. Not thread-safe.
 */
public final class DdmDetector extends StatefulDetector {
  private final DdmConfig config;
  private long n;
  private double p;
  private double pMin;
  private double sMin;
  private double psMin;

  /**
   * Creates the detector.
   *
   * @param config the settings
   */
  public DdmDetector(DdmConfig config) {
    this.config = config;
    clear();
  }

  @Override
  public String name() {
    return "ddm";
  }

  @Override
  protected boolean binary() {
    return true;
  }

  @Override
  protected void clear() {
    n = 0;
    p = 0.0;
    pMin = Double.POSITIVE_INFINITY;
    sMin = Double.POSITIVE_INFINITY;
    psMin = Double.POSITIVE_INFINITY;
  }

  @Override
  protected void step(double value) {
    n++;
    p += (value - p) / n;
    double s = Math.sqrt(p * (1 - p) / n);
    if (n > config.warmStart()) {
      if (p + s <= psMin) {
        pMin = p;
        sMin = s;
        psMin = pMin + sMin;
      }
      warning = p + s > pMin + config.warningThreshold() * sMin;
      if (p + s > pMin + config.driftThreshold() * sMin) {
        drift = true;
        warning = false;
      }
    }
  }

  @Override
  protected void writeConfig(ObjectNode node) {
    node.put("warmStart", config.warmStart());
    node.put("warningThreshold", config.warningThreshold());
    node.put("driftThreshold", config.driftThreshold());
  }

  static DdmConfig readConfig(JsonNode node) {
    return new DdmConfig(JsonFields.getInt(node, "warmStart"), JsonFields.getDouble(node, "warningThreshold"),
        JsonFields.getDouble(node, "driftThreshold"));
  }

  @Override
  protected void writeState(ObjectNode node) {
    node.put("n", n);
    JsonFields.putDouble(node, "p", p);
    JsonFields.putDouble(node, "pMin", pMin);
    JsonFields.putDouble(node, "sMin", sMin);
    JsonFields.putDouble(node, "psMin", psMin);
  }

  @Override
  protected void readState(JsonNode node) {
    n = JsonFields.getLong(node, "n");
    p = JsonFields.getDouble(node, "p");
    pMin = JsonFields.getDouble(node, "pMin");
    sMin = JsonFields.getDouble(node, "sMin");
    psMin = JsonFields.getDouble(node, "psMin");
  }
}
