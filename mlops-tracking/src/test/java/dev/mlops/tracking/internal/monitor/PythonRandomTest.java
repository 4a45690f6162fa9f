package dev.mlops.tracking.internal.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The port of CPython's random.Random draws what CPython 3.11 draws (python_random_sample.txt). */
class PythonRandomTest {
  @Test
  void sampleMatchesCpython() throws IOException {
    String text;
    try (InputStream in = getClass().getResourceAsStream("/monitor/python_random_sample.txt")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    int checked = 0;
    PythonRandom random = null;
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      long[] fields = Arrays.stream(line.trim().split(" ")).mapToLong(Long::parseLong).toArray();
      if (fields[1] == 0) {
        random = new PythonRandom(fields[0]);
      }
      int[] expected = Arrays.stream(fields, 2, fields.length).mapToInt(v -> (int) v).toArray();
      assertThat(random.sample(70, 30)).as("seed %d draw %d", fields[0], fields[1]).containsExactly(expected);
      checked++;
    }
    assertThat(checked).isEqualTo(15);
  }

  @Test
  void restoredGeneratorContinuesTheSameSequence() {
    PythonRandom original = new PythonRandom(7);
    original.sample(70, 30);
    PythonRandom restored = PythonRandom.restore(original.state(), original.position());
    for (int i = 0; i < 2000; i++) {
      assertThat(restored.nextUint32()).isEqualTo(original.nextUint32());
    }
  }

  @Test
  void largePopulationUsesTheRejectionSetAndStaysDistinct() {
    int[] drawn = new PythonRandom(3).sample(100_000, 50);
    assertThat(Arrays.stream(drawn).distinct().count()).isEqualTo(50);
    assertThat(Arrays.stream(drawn).allMatch(i -> i >= 0 && i < 100_000)).isTrue();
  }
}
