package dev.mlops.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.MlopsException;
import dev.mlops.core.hash.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * The differential half of the storage compatibility kit: random sequences of operations run against
 * the backend under test and against the in-memory reference, and every observable result (return
 * values, read values, listings, exception types) must be the same. A durable backend is reopened at
 * the end and must still show the same contents.
 *
 * <p>A backend passes it by one subclass, like {@link StorageCompatibilityKit}. Positions in series
 * are opaque, so pages are compared by their entries, not by their positions or sizes.
 */
public abstract class StorageCompatibilityProperties {
  private static final List<String> KEYS = List.of("a", "a/b", "a/b/c", "A", "ab", "a.b", "a-b", "b/a", "b~1/x",
      "Z", "a/B", "%41", "a.d", "a.d/x");
  private static final List<String> PREFIXES = List.of("", "a", "a/", "A", "a/b", "a/b/", "b", "b/", "z", "a.", "%");
  private static final List<String> INVALID_KEYS = List.of("../x", "/abs", "a//b", "", "a/./b", "x\u0000y", "C:\\x",
      "a/");
  private static final List<byte[]> BLOBS = List.of(new byte[0], "x".getBytes(), "hello".getBytes(),
      randomBytes(100, 1), randomBytes(70_000, 2));

  /**
   * Opens a new, empty storage of the backend under test.
   *
   * @return the storage
   */
  protected abstract Storage newStorage();

  /**
   * Closes a storage and opens the same data again; empty (the default) for backends that keep nothing.
   *
   * @param storage the storage to reopen
   * @return the reopened storage
   */
  protected Optional<Storage> reopen(Storage storage) {
    return Optional.empty();
  }

  /**
   * Releases whatever {@link #newStorage()} created besides the storage (temp directories, databases).
   *
   * @param storage a storage from {@link #newStorage()} or {@link #reopen}, already closed
   */
  protected void discard(Storage storage) {}

  /** One operation of a sequence; {@link #run} returns its observable result as text. */
  interface Op {
    String run(Storage s);
  }

  @Property(tries = 60, shrinking = ShrinkingMode.BOUNDED)
  void randomSequencesBehaveLikeTheReference(@ForAll("sequences") List<Op> ops) {
    Storage tested = newStorage();
    Storage[] last = {tested};
    try {
      assertBehavesLikeReference(ops, tested, s -> {
        Optional<Storage> again = reopen(s);
        again.ifPresent(a -> last[0] = a);
        return again;
      });
    } finally {
      last[0].close();
      discard(last[0]);
    }
  }

  /**
   * Runs operations against a storage and a fresh in-memory reference and compares every result, the
   * contents at the end and, if {@code reopen} gives one, the contents after reopening.
   */
  static void assertBehavesLikeReference(List<Op> ops, Storage tested,
      java.util.function.Function<Storage, Optional<Storage>> reopen) {
    try (Storage reference = dev.mlops.core.storage.InMemoryStorage.create()) {
      for (int i = 0; i < ops.size(); i++) {
        Op op = ops.get(i);
        assertThat(observe(op, tested)).as("step %d: %s", i, op).isEqualTo(observe(op, reference));
      }
      String expected = StorageContents.of(reference);
      assertThat(StorageContents.of(tested)).as("contents after %d steps", ops.size()).isEqualTo(expected);
      Optional<Storage> again = reopen.apply(tested);
      if (again.isPresent()) {
        assertThat(StorageContents.of(again.get())).as("contents after reopening").isEqualTo(expected);
      }
    }
  }

  private static String observe(Op op, Storage s) {
    try {
      return op.run(s);
    } catch (MlopsException e) {
      return e.getClass().getSimpleName();
    }
  }

  @Provide
  Arbitrary<List<Op>> sequences() {
    Arbitrary<String> key = Arbitraries.of(KEYS);
    Arbitrary<String> prefix = Arbitraries.of(PREFIXES);
    Arbitrary<byte[]> value = Arbitraries.bytes().array(byte[].class).ofMaxSize(12);
    Arbitrary<Integer> delta = Arbitraries.integers().between(-2, 1);
    Arbitrary<Integer> blob = Arbitraries.integers().between(0, BLOBS.size() - 1);
    Arbitrary<List<byte[]>> entries = value.list().ofMaxSize(4);
    Arbitrary<Op> op = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, Combinators.combine(key, delta, value).as(Cas::new)),
        net.jqwik.api.Tuple.of(3, Combinators.combine(key, value).as(Create::new)),
        net.jqwik.api.Tuple.of(2, Combinators.combine(key, delta).as(Delete::new)),
        net.jqwik.api.Tuple.of(3, key.map(Get::new)),
        net.jqwik.api.Tuple.of(3, prefix.map(ListRecords::new)),
        net.jqwik.api.Tuple.of(5, Combinators.combine(key, entries).as(Append::new)),
        net.jqwik.api.Tuple.of(2, Combinators.combine(key, Arbitraries.integers().between(0, 3)).as(ReadPaged::new)),
        net.jqwik.api.Tuple.of(2, prefix.map(ListSeries::new)),
        net.jqwik.api.Tuple.of(3, blob.map(PutBlob::new)),
        net.jqwik.api.Tuple.of(2, blob.map(ReadBlob::new)),
        net.jqwik.api.Tuple.of(1, blob.map(DeleteBlob::new)),
        net.jqwik.api.Tuple.of(1, Arbitraries.of(INVALID_KEYS).map(InvalidWrite::new)));
    return op.list().ofMaxSize(40);
  }

  private static long version(Storage s, String key) {
    return s.records().get(key).map(StoredRecord::version).orElse(0L);
  }

  private static String render(Optional<StoredRecord> r) {
    return r.map(x -> "v" + x.version() + ":" + StorageContents.brief(x.value())).orElse("absent");
  }

  /** Compare-and-set with the current version plus a delta (0 is the current one). */
  record Cas(String key, int delta, byte[] value) implements Op {
    @Override
    public String run(Storage s) {
      long expected = Math.max(0, version(s, key) + delta);
      return s.records().compareAndSet(key, expected, value) + " " + render(s.records().get(key));
    }

    @Override
    public String toString() {
      return "cas(" + key + ", current" + (delta >= 0 ? "+" : "") + delta + ", " + StorageContents.brief(value) + ")";
    }
  }

  record Create(String key, byte[] value) implements Op {
    @Override
    public String run(Storage s) {
      return s.records().create(key, value) + " " + render(s.records().get(key));
    }

    @Override
    public String toString() {
      return "create(" + key + ", " + StorageContents.brief(value) + ")";
    }
  }

  record Delete(String key, int delta) implements Op {
    @Override
    public String run(Storage s) {
      return String.valueOf(s.records().delete(key, version(s, key) + delta));
    }
  }

  record Get(String key) implements Op {
    @Override
    public String run(Storage s) {
      return render(s.records().get(key));
    }
  }

  record ListRecords(String prefix) implements Op {
    @Override
    public String run(Storage s) {
      StringBuilder sb = new StringBuilder();
      for (StoredRecord r : s.records().list(prefix)) {
        sb.append(r.key()).append('=').append(render(Optional.of(r))).append(';');
      }
      return sb.toString();
    }
  }

  record Append(String key, List<byte[]> entries) implements Op {
    @Override
    public String run(Storage s) {
      s.series().append(key, entries);
      return StorageContents.entries(s.series().readAll(key));
    }

    @Override
    public String toString() {
      return "append(" + key + ", " + StorageContents.entries(entries) + ")";
    }
  }

  /** Reads a whole series page by page; pages must be non-empty until the end. */
  record ReadPaged(String key, int pageSize) implements Op {
    @Override
    public String run(Storage s) {
      List<byte[]> all = new ArrayList<>();
      long position = 0;
      for (int guard = 0; guard < 1000; guard++) {
        SeriesPage page = s.series().read(key, position, pageSize);
        all.addAll(page.entries());
        if (page.isEnd()) {
          return StorageContents.entries(all);
        }
        if (page.size() == 0) {
          return "empty page before the end";
        }
        position = page.nextPosition();
      }
      return "no end";
    }
  }

  record ListSeries(String prefix) implements Op {
    @Override
    public String run(Storage s) {
      return s.series().list(prefix).toString();
    }
  }

  record PutBlob(int index) implements Op {
    @Override
    public String run(Storage s) {
      BlobInfo info = s.blobs().put(new ByteArrayInputStream(BLOBS.get(index)));
      return info.digest() + " " + info.size();
    }
  }

  record ReadBlob(int index) implements Op {
    @Override
    public String run(Storage s) {
      Digest d = Digest.sha256(BLOBS.get(index));
      String stat = s.blobs().stat(d).map(i -> String.valueOf(i.size())).orElse("absent");
      try (InputStream in = s.blobs().open(d)) {
        return stat + " " + StorageContents.brief(in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  record DeleteBlob(int index) implements Op {
    @Override
    public String run(Storage s) {
      return String.valueOf(s.blobs().delete(Digest.sha256(BLOBS.get(index))));
    }
  }

  /** Any write with an invalid key must fail the same way and change nothing. */
  record InvalidWrite(String key) implements Op {
    @Override
    public String run(Storage s) {
      String before = StorageContents.of(s);
      List<String> outcomes = new ArrayList<>();
      for (Runnable write : List.<Runnable>of(() -> s.records().create(key, new byte[1]),
          () -> s.records().compareAndSet(key, 1, new byte[1]), () -> s.records().delete(key, 1),
          () -> s.series().append(key, List.of(new byte[1])))) {
        outcomes.add(observe(() -> {
          write.run();
          return "written";
        }));
      }
      return outcomes + (StorageContents.of(s).equals(before) ? "" : " and changed the store");
    }

    private static String observe(java.util.function.Supplier<String> call) {
      try {
        return call.get();
      } catch (MlopsException e) {
        return e.getClass().getSimpleName();
      }
    }
  }

  private static byte[] randomBytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }
}
