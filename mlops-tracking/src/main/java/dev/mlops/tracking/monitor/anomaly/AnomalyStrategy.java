package dev.mlops.tracking.monitor.anomaly;

import dev.mlops.core.InvalidInputException;
import java.util.List;

/**
 * Finds anomalies in a metric's history (one value per run, day or window, oldest first), as Deequ's
 * anomaly detection strategies do.
 *
 * <pre>{@code
 * List<Anomaly> anomalies = new RelativeChangeStrategy(0.9, 1.1, 1).detect(rowCounts);
 * }</pre>
 *
 * <p>Implementations are immutable values and thread-safe.
 */
public interface AnomalyStrategy {
  /**
   * Finds the anomalies whose index lies in {@code [from, to)}; values before {@code from} still serve
   * as context (the previous value of a change, the running mean of the online normal model).
   *
   * @param history the values, oldest first, all finite
   * @param from the first index searched
   * @param to one past the last index searched; values past the history's end are ignored
   * @return the anomalies in index order
   * @throws InvalidInputException if a value is NaN or infinite (naming its index) or the interval is
   *     malformed
   */
  List<Anomaly> detect(double[] history, int from, int to);

  /**
   * Finds the anomalies in the whole history.
   *
   * @param history the values, oldest first, all finite
   * @return the anomalies in index order
   * @throws InvalidInputException if a value is NaN or infinite
   */
  default List<Anomaly> detect(double[] history) {
    return detect(history, 0, history.length);
  }

  /**
   * Checks a history and a search interval, and returns the interval's end clamped to the history.
   *
   * @param strategy the strategy's name, for messages
   * @param history the values
   * @param from the first index searched
   * @param to one past the last index searched
   * @return {@code min(to, history.length)}
   * @throws InvalidInputException if a value is not finite or {@code from} is negative or above
   *     {@code to}
   */
  static int checkedEnd(String strategy, double[] history, int from, int to) {
    if (from < 0 || from > to) {
      throw new InvalidInputException(strategy + ": search interval [" + from + ", " + to + ") is malformed");
    }
    for (int i = 0; i < history.length; i++) {
      if (!Double.isFinite(history[i])) {
        throw new InvalidInputException(strategy + ": history[" + i + "] is not finite: " + history[i]);
      }
    }
    return Math.min(to, history.length);
  }
}
