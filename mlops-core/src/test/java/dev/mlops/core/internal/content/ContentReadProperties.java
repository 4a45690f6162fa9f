package dev.mlops.core.internal.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.hash.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The single-read shortcuts (a short read at the expected size ends the file) hash and read exactly the
 * file's bytes at every size around the buffer boundaries, and code-point order is UTF-8 byte order.
 */
class ContentReadProperties {
  private static Path dir;

  @BeforeContainer
  static void createDir() throws IOException {
    dir = Files.createTempDirectory("content-read");
  }

  @AfterContainer
  static void deleteDir() throws IOException {
    try (var files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Files.delete(p);
      }
    }
    Files.delete(dir);
  }

  @Provide
  Arbitrary<Integer> sizes() {
    int b = ContentHashes.BUFFER_SIZE;
    return Arbitraries.oneOf(Arbitraries.of(0, 1, b - 1, b, b + 1, 2 * b, 2 * b + 1),
        Arbitraries.integers().between(0, 3 * b + 7));
  }

  private static byte[] write(Path file, int size, long seed) throws IOException {
    byte[] data = new byte[size];
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < size; i++) {
      data[i] = (byte) random.nextInt(256);
    }
    Files.write(file, data);
    return data;
  }

  @Property(tries = 40)
  void hashingAFileOfAnySizeHashesExactlyItsBytes(@ForAll("sizes") int size, @ForAll long seed)
      throws IOException {
    Path file = dir.resolve("h-" + size + "-" + seed);
    byte[] data = write(file, size, seed);
    HashedContent hashed = ContentHashes.hashRegularFile(file, size);
    assertThat(hashed.size()).isEqualTo(size);
    assertThat(hashed.digest()).isEqualTo(Digest.sha256(data));
    assertThat(ContentHashes.hashFile(file)).isEqualTo(hashed);
    Files.delete(file);
  }

  @Property(tries = 40)
  void readingWholeReturnsTheBytesAndShowsGrowth(@ForAll("sizes") int size, @ForAll long seed)
      throws IOException {
    Path file = dir.resolve("r-" + size + "-" + seed);
    byte[] data = write(file, size, seed);
    byte[] buffer = new byte[size + 1];
    assertThat(ContentHashes.readWhole(file, size, buffer)).isEqualTo(size);
    assertThat(Arrays.copyOf(buffer, size)).isEqualTo(data);
    if (size > 0) {
      // The caller expected fewer bytes than the file holds (it grew after the stat): reading goes on.
      assertThat(ContentHashes.readWhole(file, size - 1, buffer)).isEqualTo(size);
    }
    Files.delete(file);
  }

  @Provide
  Arbitrary<String> texts() {
    Arbitrary<Integer> codePoints = Arbitraries.oneOf(Arbitraries.integers().between(0x20, 0x7e),
        Arbitraries.integers().between(0xD000, 0xFFFF).filter(c -> c < 0xD800 || c > 0xDFFF),
        Arbitraries.integers().between(0x10000, 0x10FFFF));
    return codePoints.list().ofMaxSize(6).map(list -> {
      StringBuilder s = new StringBuilder();
      list.forEach(s::appendCodePoint);
      return s.toString();
    });
  }

  @Property(tries = 500)
  void codePointOrderIsUtf8ByteOrder(@ForAll("texts") String a, @ForAll("texts") String b) {
    int expected = Integer.signum(Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
        b.getBytes(StandardCharsets.UTF_8)));
    assertThat(Integer.signum(RelativePaths.CODE_POINT_ORDER.compare(a, b))).isEqualTo(expected);
    // U+FFFD sorts below U+1F600 although its UTF-16 char is above the surrogate that encodes U+1F600.
    assertThat(RelativePaths.CODE_POINT_ORDER.compare(a + "\uFFFD", a + "\uD83D\uDE00")).isNegative();
  }
}
