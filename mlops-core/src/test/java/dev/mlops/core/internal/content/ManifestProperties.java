package dev.mlops.core.internal.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.hash.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class ManifestProperties {

  @Provide
  Arbitrary<Map<String, String>> trees() {
    Arbitrary<String> segment = Arbitraries.of("a", "b", "B", "c d", "é", "\ud83d\ude00", "x.csv", "דּ", "z-1");
    Arbitrary<String> path = segment.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join("/", l) + ".f");
    return Arbitraries.maps(path, Arbitraries.strings().ofMaxLength(40)).ofMaxSize(12);
  }

  @Property(tries = 40)
  void manifestDigestIgnoresCreationOrderAndThreadCount(
      @ForAll("trees") Map<String, String> tree, @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 4) int threadsA, @ForAll @IntRange(min = 1, max = 4) int threadsB)
      throws IOException {
    Path a = Files.createTempDirectory("manifest-a");
    Path b = Files.createTempDirectory("manifest-b");
    try {
      List<String> order = new ArrayList<>(tree.keySet());
      create(a, tree, order);
      Collections.shuffle(order, new Random(seed));
      create(b, tree, order);
      Digest da;
      Digest db;
      try (DirectoryHasher ha = new DirectoryHasher(new StatCache(100, Clock.systemUTC()), threadsA);
          DirectoryHasher hb = new DirectoryHasher(new StatCache(100, Clock.systemUTC()), threadsB)) {
        da = ha.hashDirectory(a).digest();
        db = hb.hashDirectory(b).digest();
      }
      assertThat(db).isEqualTo(da);
      assertThat(da).isEqualTo(expected(tree));
    } finally {
      delete(a);
      delete(b);
    }
  }

  @Provide
  Arbitrary<List<ManifestEntry>> entryLists() {
    Arbitrary<String> segment = Arbitraries.of("a", "q\"uote", "é", "\ud83d\ude00", "x.csv", "\u2028", "<>", "~");
    Arbitrary<ManifestEntry> entry = net.jqwik.api.Combinators.combine(
        segment.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join("/", l) + ".f"),
        Arbitraries.strings().ofMaxLength(8),
        Arbitraries.longs().between(0, Long.MAX_VALUE),
        Arbitraries.of(true, false))
        .as((path, content, size, executable) -> new ManifestEntry(path, Digest.sha256(content), size, executable));
    return entry.list().ofMaxSize(10).uniqueElements(ManifestEntry::path)
        .filter(l -> {
          try {
            Manifest.of(l);
            return true;
          } catch (dev.mlops.core.InvalidInputException e) {
            return false;
          }
        });
  }

  /** The hand-assembled JSON and digest equal what the generic canonical JSON writer makes of the same tree. */
  @Property(tries = 200)
  void directJsonEqualsGenericCanonicalJson(@ForAll("entryLists") List<ManifestEntry> entries) {
    Manifest m = Manifest.of(entries);
    List<Map<String, Object>> items = new ArrayList<>();
    for (ManifestEntry e : m.entries()) {
      Map<String, Object> item = new java.util.HashMap<>();
      item.put("path", e.path());
      item.put("digest", e.digest().toString());
      item.put("size", e.size());
      item.put("executable", e.executable());
      items.add(item);
    }
    Map<String, Object> root = Map.of("format", Manifest.DOMAIN_TAG, "entries", items);
    assertThat(m.toJson()).isEqualTo(dev.mlops.core.json.CanonicalJson.write(root));
    assertThat(m.digest()).isEqualTo(dev.mlops.core.json.CanonicalJson.digest(Manifest.DOMAIN_TAG, root));
    assertThat(Manifest.parse(m.toJson(), m.digest())).isEqualTo(m);
  }

  private static Digest expected(Map<String, String> tree) {
    List<ManifestEntry> entries = new ArrayList<>();
    tree.forEach((p, c) -> entries.add(new ManifestEntry(p, Digest.sha256(c), c.getBytes(StandardCharsets.UTF_8).length, false)));
    return Manifest.of(entries).digest();
  }

  private static void create(Path root, Map<String, String> tree, List<String> order) throws IOException {
    for (String rel : order) {
      Path file = RelativePaths.resolve(root, rel);
      Files.createDirectories(file.getParent());
      Files.writeString(file, tree.get(rel), StandardCharsets.UTF_8);
    }
  }

  private static void delete(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
