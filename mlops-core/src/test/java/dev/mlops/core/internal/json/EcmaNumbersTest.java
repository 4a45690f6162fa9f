package dev.mlops.core.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Compares the formatter with JavaScript's own {@code String(x)}, recorded by
 * {@code scripts/ecmascript-numbers.js} into {@code ecmascript-numbers.tsv}.
 */
class EcmaNumbersTest {

  @Test
  void matchesJavaScriptOnThousandsOfRecordedDoubles() throws IOException {
    List<String> mismatches = new ArrayList<>();
    int count = 0;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        Objects.requireNonNull(getClass().getResourceAsStream("/dev/mlops/core/json/ecmascript-numbers.tsv")),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isEmpty()) {
          continue;
        }
        String[] parts = line.split("\t");
        double d = Double.longBitsToDouble(Long.parseUnsignedLong(parts[0], 16));
        String actual = EcmaNumbers.format(d);
        if (!actual.equals(parts[1])) {
          mismatches.add(parts[0] + " expected " + parts[1] + " got " + actual);
        }
        count++;
      }
    }
    assertThat(count).isGreaterThan(5000);
    assertThat(mismatches).isEmpty();
  }
}
