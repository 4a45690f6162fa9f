package dev.mlops.tracking.monitor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Loads the streams that scripts/monitor/river_streams.py generated from River's docstring recipes. */
final class RiverStreams {
  /** rng = Random(12345); choices([0, 1], k=1000) + choices(range(4, 8), k=1000). */
  static final String TWO_DISTRIBUTIONS = "river_two_distributions_seed12345.txt";
  /** rng = Random(42); choices([0, 1], k=1000) + choices([0, 1], k=1000, weights=[0.3, 0.7]). */
  static final String ERROR_RATE_INCREASE = "river_error_rate_increase_seed42.txt";
  /** rng = Random(12345); 200 x gauss(0, 1) then 200 x gauss(3, 1). */
  static final String GAUSSIAN_SHIFT = "river_gaussian_shift_seed12345.txt";

  private RiverStreams() {}

  static double[] load(String name) {
    try (InputStream in = RiverStreams.class.getResourceAsStream("/monitor/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource /monitor/" + name);
      }
      List<Double> values = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          values.add(Double.parseDouble(line.trim()));
        }
      }
      return values.stream().mapToDouble(Double::doubleValue).toArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Feeds a stream and lists "W@i" for each value that starts a warning run and "D@i" for drifts. */
  static List<String> events(ChangeDetector detector, double[] stream) {
    List<String> events = new ArrayList<>();
    boolean printWarning = true;
    for (int i = 0; i < stream.length; i++) {
      detector.update(stream[i]);
      if (detector.warningDetected() && printWarning) {
        events.add("W@" + i);
        printWarning = false;
      }
      if (detector.driftDetected()) {
        events.add("D@" + i);
        printWarning = true;
      }
    }
    return events;
  }
}
