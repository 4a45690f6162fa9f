package dev.mlops.tracking.monitor;

/**
 * Receives the events of a {@link MetricMonitor}.
 *
 * <p>Called on the thread that fed the value, while the monitor's lock is held, so events arrive in
 * stream order; implementations must be quick (hand slow work to an executor) and may read, but should
 * not feed, the monitor. An exception thrown by a listener is logged and does not reach the caller of
 * {@link MetricMonitor#update(double)}.
 */
@FunctionalInterface
public interface MonitorListener {
  /**
   * Handles one event.
   *
   * @param event the event
   */
  void onEvent(MonitorEvent event);
}
