package dev.mlops.tracking.monitor.anomaly;

import java.util.ArrayList;
import java.util.List;

/**
 * Flags values whose change from the previous values leaves {@code [maxDecrease, maxIncrease]}
 * (Deequ's AbsoluteChangeStrategy). With {@code order} 1 the change at index {@code i} is
 * {@code x[i] - x[i-1]}; higher orders difference the differences again ({@code order} 2 gives
 * {@code x[i] - 2 x[i-1] + x[i-2]}), and order 0 compares the values themselves. The first
 * {@code order} values of the history have no change and are never flagged. Use an infinite bound for
 * no limit on that side. Immutable and thread-safe.
 *
 * @param maxDecrease the most negative change that is normal, for example {@code -10}
 * @param maxIncrease the largest change that is normal
 * @param order the order of the difference, at least 0
 */
public record AbsoluteChangeStrategy(double maxDecrease, double maxIncrease, int order) implements AnomalyStrategy {
  /**
   * Checks the settings.
   *
   * @throws dev.mlops.core.InvalidInputException if both bounds are infinite, a bound is NaN, the
   *     decrease bound is above the increase bound or the order is negative
   *
   * @param maxDecrease the most negative change that is normal, for example {@code -10}
   * @param maxIncrease the largest change that is normal
   * @param order the order of the difference, at least 0
   */
  public AbsoluteChangeStrategy {
    ChangeBounds.check("AbsoluteChangeStrategy", maxDecrease, maxIncrease, order, 0);
  }

  @Override
  public List<Anomaly> detect(double[] history, int from, int to) {
    int end = AnomalyStrategy.checkedEnd("AbsoluteChangeStrategy", history, from, to);
    int start = Math.max(from - order, 0);
    if (start >= end) {
      return List.of();
    }
    double[] diff = new double[end - start];
    System.arraycopy(history, start, diff, 0, diff.length);
    int length = diff.length;
    for (int round = 0; round < order && length > 0; round++) {
      for (int i = 0; i + 1 < length; i++) {
        diff[i] = diff[i + 1] - diff[i];
      }
      length--;
    }
    List<Anomaly> anomalies = new ArrayList<>();
    for (int i = 0; i < length; i++) {
      if (diff[i] < maxDecrease || diff[i] > maxIncrease) {
        int index = i + start + order;
        anomalies.add(new Anomaly(index, history[index], "change of " + diff[i] + " (order " + order
            + ") is outside [" + maxDecrease + ", " + maxIncrease + "]"));
      }
    }
    return anomalies;
  }
}
