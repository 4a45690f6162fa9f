package dev.mlops.tracking.internal.logging;

import java.util.Arrays;

/**
 * Points of one run waiting to be appended, as parallel growable arrays. Guarded by the writer's round lock.
 */
final class PointBuffer {
  String[] keys = new String[64];
  double[] values = new double[64];
  long[] steps = new long[64];
  long[] timestamps = new long[64];
  int size;

  void add(MetricEvent e) {
    if (size == keys.length) {
      int n = size * 2;
      keys = Arrays.copyOf(keys, n);
      values = Arrays.copyOf(values, n);
      steps = Arrays.copyOf(steps, n);
      timestamps = Arrays.copyOf(timestamps, n);
    }
    keys[size] = e.key;
    values[size] = e.value;
    steps[size] = e.step;
    timestamps[size] = e.timestamp;
    size++;
  }
}
