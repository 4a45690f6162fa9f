package dev.mlops.tracking.internal.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exact equal-size KS test agrees with scipy 1.10.1 (ks_equal_size_scipy.txt) to 1e-12 relative. */
class EqualSizeKolmogorovSmirnovTest {
  @Test
  void matchesScipy() throws IOException {
    List<String> lines = new ArrayList<>();
    try (InputStream in = getClass().getResourceAsStream("/monitor/ks_equal_size_scipy.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.startsWith("#") && !line.isBlank()) {
          lines.add(line);
        }
      }
    }
    assertThat(lines).hasSizeGreaterThanOrEqualTo(60).hasSize(lines.size() / 3 * 3);
    for (int i = 0; i < lines.size(); i += 3) {
      double[] x = parse(lines.get(i));
      double[] y = parse(lines.get(i + 1));
      double[] expected = parse(lines.get(i + 2));
      double statistic = EqualSizeKolmogorovSmirnov.statistic(x, y);
      double p = EqualSizeKolmogorovSmirnov.pValue(x.length, statistic);
      assertThat(statistic).as("case %d statistic", i / 3).isCloseTo(expected[0], within(1e-15));
      assertThat(p).as("case %d p-value", i / 3).isCloseTo(expected[1], within(Math.abs(expected[1]) * 1e-12));
    }
  }

  private static double[] parse(String line) {
    return Arrays.stream(line.trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
  }
}
