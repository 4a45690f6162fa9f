package dev.mlops.tracking.internal.monitor;

import dev.mlops.core.CorruptedDataException;
import dev.mlops.tracking.monitor.AdwinConfig;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * ADWIN2 (Bifet and Gavalda 2007) with River's rules.
 *
 * <p>The window is kept as an exponential histogram: row {@code i} holds up to {@code maxBuckets}
 * buckets of {@code 2^i} values (their total and their variance), row 0 the newest. Every
 * {@code clock} values, once the window is longer than the grace period, every boundary between
 * buckets is tried as a cut into an older part W0 and a newer part W1; when both parts hold at least
 * {@code minWindowLength} values and their means differ by more than
 * {@code sqrt(2 m v d) + 2/3 d m} (with {@code m = 1/(n0-l+1) + 1/(n1-l+1)}, {@code v} the window's
 * variance per value, {@code d = ln(2 ln(width) / delta)}), the oldest bucket is dropped and the search
 * starts again. A drift is reported when at least one bucket was dropped.
 *
 * <p>As in River, the last bucket of every row is not tried as a cut point (River issue #1539; MOA's
 * ADWIN tries it), and the detector forgets its whole window on the value after a drift, whereas MOA
 * keeps the shrunk window W1 and goes on. Not thread-safe.
 */
public final class AdwinDetector extends StatefulDetector {
  private final AdwinConfig config;
  private final List<Row> rows = new ArrayList<>();
  private double total;
  private double variance;
  private double width;
  private long tick;

  /**
   * Creates the detector.
   *
   * @param config the settings
   */
  public AdwinDetector(AdwinConfig config) {
    this.config = config;
    clear();
  }

  /**
   * Returns the settings.
   *
   * @return the settings
   */
  public AdwinConfig config() {
    return config;
  }

  /**
   * Returns the number of values in the current window.
   *
   * @return the window length
   */
  public long width() {
    return (long) width;
  }

  /**
   * Returns the mean of the current window, or 0 when it is empty.
   *
   * @return the mean
   */
  public double estimation() {
    return width == 0 ? 0.0 : total / width;
  }

  @Override
  public String name() {
    return "adwin";
  }

  @Override
  protected boolean binary() {
    return false;
  }

  @Override
  protected void clear() {
    rows.clear();
    rows.add(new Row(config.maxBuckets()));
    total = 0.0;
    variance = 0.0;
    width = 0.0;
    tick = 0;
  }

  @Override
  protected void step(double value) {
    insert(value);
    drift = detectChange();
  }

  private void insert(double value) {
    rows.get(0).add(value, 0.0);
    width += 1;
    if (width > 1.0) {
      double delta = value - total / (width - 1.0);
      variance += (width - 1.0) * delta * delta / width;
    }
    total += value;
    compress();
  }

  private void compress() {
    int maxBuckets = config.maxBuckets();
    for (int idx = 0; idx < rows.size(); idx++) {
      Row row = rows.get(idx);
      if (row.count != maxBuckets + 1) {
        return;
      }
      if (idx + 1 == rows.size()) {
        rows.add(new Row(maxBuckets));
      }
      Row next = rows.get(idx + 1);
      double size = bucketSize(idx);
      double mu1 = row.totals[0] / size;
      double mu2 = row.totals[1] / size;
      double merged = size * size * (mu1 - mu2) * (mu1 - mu2) / (size + size);
      next.add(row.totals[0] + row.totals[1], row.variances[0] + row.variances[1] + merged);
      row.removeOldest(2);
      if (next.count <= maxBuckets) {
        return;
      }
    }
  }

  private boolean detectChange() {
    boolean change = false;
    tick++;
    if (tick % config.clock() != 0 || width <= config.gracePeriod()) {
      return false;
    }
    int minLength = config.minWindowLength();
    boolean reduce = true;
    while (reduce) {
      reduce = false;
      boolean done = false;
      double n0 = 0.0;
      double n1 = width;
      double u0 = 0.0;
      double u1 = total;
      // constant until a bucket is dropped, which ends this pass
      double deltaPrime = Math.log(2 * Math.log(width) / config.delta());
      double varianceInWindow = variance / width;
      for (int idx = rows.size() - 1; idx >= 0 && !done; idx--) {
        Row row = rows.get(idx);
        double size = bucketSize(idx);
        for (int k = 0; k < row.count - 1; k++) {
          n0 += size;
          n1 -= size;
          u0 += row.totals[k];
          u1 -= row.totals[k];
          double deltaMean = u0 / n0 - u1 / n1;
          if (n1 >= minLength && n0 >= minLength && cut(n0, n1, deltaMean, deltaPrime, varianceInWindow)) {
            reduce = true;
            change = true;
            if (width > 0) {
              deleteOldest();
              done = true;
              break;
            }
          }
        }
      }
    }
    return change;
  }

  private boolean cut(double n0, double n1, double deltaMean, double deltaPrime, double varianceInWindow) {
    int minLength = config.minWindowLength();
    double mRecip = 1.0 / (n0 - minLength + 1) + 1.0 / (n1 - minLength + 1);
    double epsilon = Math.sqrt(2 * mRecip * varianceInWindow * deltaPrime) + 2.0 / 3.0 * deltaPrime * mRecip;
    return Math.abs(deltaMean) > epsilon;
  }

  private void deleteOldest() {
    int last = rows.size() - 1;
    Row row = rows.get(last);
    double n = bucketSize(last);
    double u = row.totals[0];
    double mu = u / n;
    double v = row.variances[0];
    width -= n;
    total -= u;
    double muWindow = total / width;
    variance -= v + n * width * (mu - muWindow) * (mu - muWindow) / (n + width);
    row.removeOldest(1);
    if (row.count == 0) {
      rows.remove(last);
    }
  }

  private static double bucketSize(int row) {
    return (double) (1L << row);
  }

  @Override
  protected void writeConfig(ObjectNode node) {
    node.put("delta", config.delta());
    node.put("clock", config.clock());
    node.put("maxBuckets", config.maxBuckets());
    node.put("minWindowLength", config.minWindowLength());
    node.put("gracePeriod", config.gracePeriod());
  }

  static AdwinConfig readConfig(JsonNode node) {
    return new AdwinConfig(JsonFields.getDouble(node, "delta"), JsonFields.getInt(node, "clock"),
        JsonFields.getInt(node, "maxBuckets"), JsonFields.getInt(node, "minWindowLength"),
        JsonFields.getInt(node, "gracePeriod"));
  }

  @Override
  protected void writeState(ObjectNode node) {
    JsonFields.putDouble(node, "total", total);
    JsonFields.putDouble(node, "variance", variance);
    JsonFields.putDouble(node, "width", width);
    node.put("tick", tick);
    ArrayNode array = node.putArray("rows");
    for (Row row : rows) {
      ObjectNode item = array.addObject();
      JsonFields.putDoubles(item, "totals", row.totals, row.count);
      JsonFields.putDoubles(item, "variances", row.variances, row.count);
    }
  }

  @Override
  protected void readState(JsonNode node) {
    total = JsonFields.getDouble(node, "total");
    variance = JsonFields.getDouble(node, "variance");
    width = JsonFields.getDouble(node, "width");
    tick = JsonFields.getLong(node, "tick");
    JsonNode array = JsonFields.field(node, "rows");
    if (!array.isArray() || array.isEmpty()) {
      throw new CorruptedDataException("adwin state: 'rows' must be a non-empty array");
    }
    rows.clear();
    for (JsonNode item : array) {
      double[] totals = JsonFields.getDoubles(item, "totals");
      double[] variances = JsonFields.getDoubles(item, "variances");
      if (totals.length != variances.length || totals.length > config.maxBuckets()) {
        throw new CorruptedDataException("adwin state: a row holds " + totals.length + " totals and "
            + variances.length + " variances; at most " + config.maxBuckets() + " of each are allowed");
      }
      Row row = new Row(config.maxBuckets());
      for (int i = 0; i < totals.length; i++) {
        row.add(totals[i], variances[i]);
      }
      rows.add(row);
    }
  }

  /** One row of the histogram: up to maxBuckets + 1 buckets, oldest first. */
  private static final class Row {
    final double[] totals;
    final double[] variances;
    int count;

    Row(int maxBuckets) {
      totals = new double[maxBuckets + 1];
      variances = new double[maxBuckets + 1];
    }

    void add(double bucketTotal, double bucketVariance) {
      totals[count] = bucketTotal;
      variances[count] = bucketVariance;
      count++;
    }

    void removeOldest(int n) {
      System.arraycopy(totals, n, totals, 0, count - n);
      System.arraycopy(variances, n, variances, 0, count - n);
      count -= n;
      for (int i = count; i < count + n; i++) {
        totals[i] = 0.0;
        variances[i] = 0.0;
      }
    }
  }
}
