package dev.mlops.tracking.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.CorruptedDataException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Entries decode in place, inside a larger buffer, to exactly the points encoded, however many keys interleave. */
class MetricCodecTest {

  private record Point(String key, double value, long step, long time) {}

  @Test
  void anEntryInsideALargerBufferDecodesToThePointsEncoded() {
    Random random = new Random(3);
    // twelve keys (more than the decoder remembers), runs of one key, then keys interleaved at random
    String[] names = {"loss", "acc", "lr", "val/loss", "val/acc", "grad norm", "κ", "a", "ab", "b", "loss2", "lös"};
    int n = 3000;
    String[] keys = new String[n];
    double[] values = new double[n];
    long[] steps = new long[n];
    long[] times = new long[n];
    List<Point> expected = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      keys[i] = i < 500 ? names[i / 100] : names[random.nextInt(names.length)];
      values[i] = i % 97 == 0 ? Double.NaN : random.nextGaussian();
      steps[i] = i / 3;
      times[i] = 1_700_000_000_000L + i;
      expected.add(new Point(keys[i], values[i], steps[i], times[i]));
    }
    List<byte[]> entries = MetricCodec.encode(keys, values, steps, times, n);
    assertThat(entries).hasSize(1);
    byte[] entry = entries.get(0);
    byte[] buffer = new byte[entry.length + 37];
    Arrays.fill(buffer, (byte) 'l'); // bytes around the entry that look like a key's
    System.arraycopy(entry, 0, buffer, 11, entry.length);
    List<Point> decoded = new ArrayList<>();
    MetricCodec.decode("s", buffer, 11, entry.length, (k, v, s, t) -> decoded.add(new Point(k, v, s, t)));
    assertThat(decoded).isEqualTo(expected);
  }

  @Test
  void aTruncatedOrPaddedEntryIsCorruption() {
    byte[] entry = MetricCodec.encode(new String[] {"loss", "acc"}, new double[] {1, 2}, new long[] {0, 0},
        new long[] {5, 6}, 2).get(0);
    byte[] buffer = Arrays.copyOf(entry, entry.length + 4);
    assertThatThrownBy(() -> MetricCodec.decode("s", buffer, 0, entry.length - 3, (k, v, s, t) -> { }))
        .isInstanceOf(CorruptedDataException.class).hasMessageContaining("'s'");
    assertThatThrownBy(() -> MetricCodec.decode("s", buffer, 0, entry.length + 4, (k, v, s, t) -> { }))
        .isInstanceOf(CorruptedDataException.class).hasMessageContaining("trailing bytes");
    buffer[0] = 9;
    assertThatThrownBy(() -> MetricCodec.decode("s", buffer, 0, entry.length, (k, v, s, t) -> { }))
        .isInstanceOf(CorruptedDataException.class).hasMessageContaining("unknown format");
  }
}
