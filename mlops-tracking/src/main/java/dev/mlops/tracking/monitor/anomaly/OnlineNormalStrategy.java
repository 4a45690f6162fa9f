package dev.mlops.tracking.monitor.anomaly;

import dev.mlops.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * Flags values far from the running mean in running standard deviations (Deequ's
 * OnlineNormalStrategy). Walking the history from the start, each value first updates the running mean
 * and population variance (Welford); it is anomalous when it lies above
 * {@code mean + upperDeviationFactor * stdDev} or below {@code mean - lowerDeviationFactor * stdDev}.
 * Values in the first {@code ignoreStartPercentage} of the history are never flagged, since the
 * estimates are not yet representative. With {@code ignoreAnomalies}, an anomalous value is taken back
 * out of the mean and variance so it does not widen the band. Use an infinite factor for no bound on
 * that side. Immutable and thread-safe.
 *
 * @param lowerDeviationFactor how many deviations below the mean are normal, at least 0
 * @param upperDeviationFactor how many deviations above the mean are normal, at least 0
 * @param ignoreStartPercentage the share of the history at its start never flagged, in [0, 1]
 * @param ignoreAnomalies whether anomalous values are kept out of the running estimates
 */
public record OnlineNormalStrategy(double lowerDeviationFactor, double upperDeviationFactor,
    double ignoreStartPercentage, boolean ignoreAnomalies) implements AnomalyStrategy {
  /**
   * Checks the settings.
   *
   * @throws InvalidInputException if a factor is negative or NaN, both are infinite, or the percentage
   *     is outside [0, 1]
   *
   * @param lowerDeviationFactor how many deviations below the mean are normal, at least 0
   * @param upperDeviationFactor how many deviations above the mean are normal, at least 0
   * @param ignoreStartPercentage the share of the history at its start never flagged, in [0, 1]
   * @param ignoreAnomalies whether anomalous values are kept out of the running estimates
   */
  public OnlineNormalStrategy {
    if (!(lowerDeviationFactor >= 0) || !(upperDeviationFactor >= 0)) {
      throw new InvalidInputException("OnlineNormalStrategy: deviation factors must be >= 0, got "
          + lowerDeviationFactor + " and " + upperDeviationFactor);
    }
    if (Double.isInfinite(lowerDeviationFactor) && Double.isInfinite(upperDeviationFactor)) {
      throw new InvalidInputException("OnlineNormalStrategy: at least one deviation factor must be finite");
    }
    if (!(ignoreStartPercentage >= 0 && ignoreStartPercentage <= 1)) {
      throw new InvalidInputException("OnlineNormalStrategy: ignoreStartPercentage must be in [0, 1], got "
          + ignoreStartPercentage);
    }
  }

  /**
   * Deequ's defaults: three deviations on each side, the first 10 % ignored, anomalies kept out.
   *
   * @return the strategy
   */
  public static OnlineNormalStrategy defaults() {
    return new OnlineNormalStrategy(3.0, 3.0, 0.1, true);
  }

  @Override
  public List<Anomaly> detect(double[] history, int from, int to) {
    int end = AnomalyStrategy.checkedEnd("OnlineNormalStrategy", history, from, to);
    double skip = history.length * ignoreStartPercentage;
    double mean = 0.0;
    double sn = 0.0;
    List<Anomaly> anomalies = new ArrayList<>();
    for (int i = 0; i < history.length; i++) {
      double value = history[i];
      double lastMean = mean;
      double lastSn = sn;
      mean = i == 0 ? value : lastMean + (1.0 / (i + 1)) * (value - lastMean);
      sn += (value - lastMean) * (value - mean);
      double stdDev = Math.sqrt(sn / (i + 1));
      // an infinite factor means no bound, also when the deviation is still 0
      double upper = Double.isInfinite(upperDeviationFactor) ? upperDeviationFactor : mean + upperDeviationFactor * stdDev;
      double lower = Double.isInfinite(lowerDeviationFactor) ? -lowerDeviationFactor : mean - lowerDeviationFactor * stdDev;
      boolean normal = value <= upper && value >= lower;
      if (i < skip || i < from || i >= end || normal) {
        continue;
      }
      anomalies.add(new Anomaly(i, value, "value " + value + " is outside [" + lower + ", " + upper
          + "], mean " + mean + " +- deviations of " + stdDev));
      if (ignoreAnomalies) {
        mean = lastMean;
        sn = lastSn;
      }
    }
    return anomalies;
  }
}
