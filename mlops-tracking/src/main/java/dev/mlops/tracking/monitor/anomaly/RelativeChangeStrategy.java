package dev.mlops.tracking.monitor.anomaly;

import java.util.ArrayList;
import java.util.List;

/**
 * Flags values whose ratio to the value {@code order} steps earlier leaves
 * {@code [maxDecrease, maxIncrease]} (Deequ's RelativeRateOfChangeStrategy): {@code (0.9, 1.1, 1)}
 * flags any step that shrinks or grows a metric by more than 10 %. The first {@code order} values are
 * never flagged. A previous value of 0 gives an infinite ratio (flagged when {@code maxIncrease} is
 * finite), or NaN for 0 after 0, which is never flagged, as in Deequ. Use an infinite bound for no
 * limit on that side. Immutable and thread-safe.
 *
 * @param maxDecrease the smallest normal ratio, for example {@code 0.9}
 * @param maxIncrease the largest normal ratio, for example {@code 1.1}
 * @param order how many steps back the comparison looks, at least 1
 */
public record RelativeChangeStrategy(double maxDecrease, double maxIncrease, int order) implements AnomalyStrategy {
  /**
   * Checks the settings.
   *
   * @throws dev.mlops.core.InvalidInputException if both bounds are infinite, a bound is NaN, the
   *     decrease bound is above the increase bound or the order is below 1
   *
   * @param maxDecrease the smallest normal ratio, for example {@code 0.9}
   * @param maxIncrease the largest normal ratio, for example {@code 1.1}
   * @param order how many steps back the comparison looks, at least 1
   */
  public RelativeChangeStrategy {
    ChangeBounds.check("RelativeChangeStrategy", maxDecrease, maxIncrease, order, 1);
  }

  @Override
  public List<Anomaly> detect(double[] history, int from, int to) {
    int end = AnomalyStrategy.checkedEnd("RelativeChangeStrategy", history, from, to);
    List<Anomaly> anomalies = new ArrayList<>();
    for (int index = Math.max(from, order); index < end; index++) {
      double ratio = history[index] / history[index - order];
      if (ratio < maxDecrease || ratio > maxIncrease) {
        anomalies.add(new Anomaly(index, history[index], "ratio " + ratio + " to the value " + order
            + " step(s) earlier is outside [" + maxDecrease + ", " + maxIncrease + "]"));
      }
    }
    return anomalies;
  }
}
