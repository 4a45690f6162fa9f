package dev.mlops.tracking.monitor.anomaly;

import dev.mlops.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * Flags every value below {@code lowerBound} or above {@code upperBound} (Deequ's
 * SimpleThresholdStrategy). Use {@link Double#NEGATIVE_INFINITY} for no lower bound. Immutable and
 * thread-safe.
 *
 * @param lowerBound the smallest normal value
 * @param upperBound the largest normal value, at least {@code lowerBound}
 */
public record SimpleThresholdStrategy(double lowerBound, double upperBound) implements AnomalyStrategy {
  /**
   * Checks the bounds.
   *
   * @throws InvalidInputException if a bound is NaN or the lower bound is above the upper
   * @param lowerBound the smallest normal value
   * @param upperBound the largest normal value, at least {@code lowerBound}
   */
  public SimpleThresholdStrategy {
    if (Double.isNaN(lowerBound) || Double.isNaN(upperBound) || lowerBound > upperBound) {
      throw new InvalidInputException("SimpleThresholdStrategy: bounds [" + lowerBound + ", " + upperBound
          + "] must be numbers with lowerBound <= upperBound");
    }
  }

  /**
   * A strategy with only an upper bound.
   *
   * @param upperBound the largest normal value
   * @return the strategy
   */
  public static SimpleThresholdStrategy atMost(double upperBound) {
    return new SimpleThresholdStrategy(Double.NEGATIVE_INFINITY, upperBound);
  }

  @Override
  public List<Anomaly> detect(double[] history, int from, int to) {
    int end = AnomalyStrategy.checkedEnd("SimpleThresholdStrategy", history, from, to);
    List<Anomaly> anomalies = new ArrayList<>();
    for (int i = from; i < end; i++) {
      double value = history[i];
      if (value < lowerBound || value > upperBound) {
        anomalies.add(new Anomaly(i, value, "value " + value + " is outside [" + lowerBound + ", " + upperBound + "]"));
      }
    }
    return anomalies;
  }
}
