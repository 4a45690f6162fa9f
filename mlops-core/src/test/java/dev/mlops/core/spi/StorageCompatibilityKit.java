package dev.mlops.core.spi;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mlops.core.CorruptedDataException;
import dev.mlops.core.MlopsStore;
import dev.mlops.core.artifact.ArtifactSpec;
import dev.mlops.core.artifact.ArtifactVersion;
import dev.mlops.core.artifact.Artifacts;
import dev.mlops.core.testing.SharedStorage;
import dev.mlops.core.InvalidInputException;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.StorageException;
import dev.mlops.core.hash.Digest;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The storage compatibility kit: every contract the Javadoc of {@link BlobStore}, {@link RecordStore},
 * {@link SeriesStore} and {@link StorageKeys} states, as tests a backend inherits.
 *
 * <p>A backend passes the kit by one subclass that says how to open a fresh, empty storage (and, for a
 * durable backend, how to open the same data again):
 *
 * <pre>{@code
 * class JdbcStorageCompatibilityTest extends StorageCompatibilityKit {
 *   protected Storage newStorage(MutableClock clock) { return JdbcStorage.open(freshDatabase(), clock); }
 * }
 * }</pre>
 *
 * Each test gets a new storage, closed after it. The kit ships in mlops-core's test-jar.
 */
public abstract class StorageCompatibilityKit {
  /** The instant the clock handed to {@link #newStorage} starts at. */
  protected static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");

  private static final List<String> HOSTILE_KEYS = List.of("", "/", "/abs", "../x", "a/../b", "..", ".", "a/.",
      "./a", "a//b", "a/", "C:\\x", "c:x", "x\u0000y", "a\nb", "a\tb", "a\u007fb", "a b", "é", "a\\b",
      "a?b", "a*b", "a:b", "a|b", "a\"b", "<a>", "x".repeat(2000), "x".repeat(StorageKeys.MAX_SEGMENT + 1),
      ("y".repeat(200) + "/").repeat(6) + "z");

  /** The clock given to the storage under test. */
  protected MutableClock clock;

  /** The storage under test, fresh for each test. */
  protected Storage storage;

  private final List<Storage> opened = new ArrayList<>();

  /**
   * Opens a new, empty storage of the backend under test.
   *
   * @param clock the clock that stamps blob write times; a backend whose server stamps times itself may
   *     ignore it and override {@link #honoursClock()}
   * @return the storage
   */
  protected abstract Storage newStorage(MutableClock clock);

  /**
   * Closes a storage and opens the same data again, for backends whose data outlives the storage
   * object. The default returns empty, which skips the durability tests.
   *
   * @param storage a storage from {@link #newStorage} or an earlier reopen
   * @return the reopened storage, or empty if the backend keeps nothing once closed
   */
  protected Optional<Storage> reopen(Storage storage) {
    return Optional.empty();
  }

  /**
   * Replaces the stored bytes of a blob behind the backend's back, to prove reads verify. The default
   * returns false, which skips that test.
   *
   * @param storage the storage holding the blob
   * @param digest the blob
   * @param bytes the bytes to put in its place
   * @return true if the blob was damaged
   */
  protected boolean corruptBlob(Storage storage, Digest digest, byte[] bytes) {
    return false;
  }

  /**
   * Tells whether {@link BlobInfo#lastWritten()} comes from the clock passed to {@link #newStorage}.
   *
   * @return true by default
   */
  protected boolean honoursClock() {
    return true;
  }

  @BeforeEach
  final void openStorage() {
    clock = new MutableClock(EPOCH);
    storage = track(newStorage(clock));
  }

  @AfterEach
  final void closeStorages() {
    for (Storage s : opened) {
      s.close();
    }
    opened.clear();
  }

  private Storage track(Storage s) {
    opened.add(s);
    return s;
  }

  /** Reopens the storage under test, or skips the calling test if the backend is not durable. */
  protected final Storage reopened() {
    Optional<Storage> again = reopen(storage);
    Assumptions.assumeTrue(again.isPresent(), "the backend keeps nothing once closed");
    storage = track(again.get());
    return storage;
  }

  protected RecordStore records() {
    return storage.records();
  }

  protected SeriesStore series() {
    return storage.series();
  }

  protected BlobStore blobs() {
    return storage.blobs();
  }

  static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  static String text(byte[] b) {
    return new String(b, UTF_8);
  }

  static String text(Optional<StoredRecord> r) {
    return r.map(x -> "v" + x.version() + ":" + text(x.value())).orElse("absent");
  }

  static List<String> texts(List<byte[]> entries) {
    List<String> out = new ArrayList<>();
    for (byte[] e : entries) {
      out.add(text(e));
    }
    return out;
  }

  static List<byte[]> batch(String... entries) {
    List<byte[]> out = new ArrayList<>();
    for (String e : entries) {
      out.add(bytes(e));
    }
    return out;
  }

  static byte[] readAll(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> keys(List<StoredRecord> records) {
    List<String> out = new ArrayList<>();
    for (StoredRecord r : records) {
      out.add(r.key());
    }
    return out;
  }

  // ------------------------------------------------------------------------------------------------
  /** Records: atomic create, compare-and-set, delete, versions. */
  @Nested
  class Records {
    @Test
    void createMakesVersionOne() {
      assertThat(records().create("runs/r1", bytes("a"))).isTrue();
      StoredRecord r = records().get("runs/r1").orElseThrow();
      assertThat(r.key()).isEqualTo("runs/r1");
      assertThat(r.version()).isEqualTo(1);
      assertThat(text(r.value())).isEqualTo("a");
    }

    @Test
    void getOfAMissingKeyIsEmpty() {
      assertThat(records().get("nothing/here")).isEmpty();
    }

    @Test
    void createOfAnExistingKeyFailsAndKeepsTheValue() {
      records().create("k", bytes("first"));
      assertThat(records().create("k", bytes("second"))).isFalse();
      assertThat(records().compareAndSet("k", 0, bytes("third"))).isFalse();
      assertThat(text(records().get("k"))).isEqualTo("v1:first");
    }

    @Test
    void compareAndSetWithTheCurrentVersionWritesTheNextVersion() {
      records().create("k", bytes("1"));
      for (int v = 1; v < 6; v++) {
        assertThat(records().compareAndSet("k", v, bytes(String.valueOf(v + 1)))).isTrue();
      }
      assertThat(text(records().get("k"))).isEqualTo("v6:6");
    }

    @Test
    void compareAndSetWithAStaleOrFutureVersionFailsAndChangesNothing() {
      records().create("k", bytes("a"));
      records().compareAndSet("k", 1, bytes("b"));
      assertThat(records().compareAndSet("k", 1, bytes("stale"))).isFalse();
      assertThat(records().compareAndSet("k", 3, bytes("future"))).isFalse();
      assertThat(records().compareAndSet("k", 0, bytes("create"))).isFalse();
      assertThat(text(records().get("k"))).isEqualTo("v2:b");
    }

    @Test
    void compareAndSetOnAMissingKeyWithANonZeroVersionFails() {
      assertThat(records().compareAndSet("k", 1, bytes("x"))).isFalse();
      assertThat(records().compareAndSet("k", 7, bytes("x"))).isFalse();
      assertThat(records().get("k")).isEmpty();
      assertThat(records().list("")).isEmpty();
    }

    @Test
    void aNegativeExpectedVersionIsInvalidInput() {
      records().create("k", bytes("a"));
      assertThatThrownBy(() -> records().compareAndSet("k", -1, bytes("x")))
          .isInstanceOf(InvalidInputException.class).hasMessageContaining("-1");
      assertThat(text(records().get("k"))).isEqualTo("v1:a");
    }

    @Test
    void deleteNeedsTheCurrentVersion() {
      records().create("k", bytes("a"));
      records().compareAndSet("k", 1, bytes("b"));
      assertThat(records().delete("k", 1)).isFalse();
      assertThat(records().delete("k", 3)).isFalse();
      assertThat(records().delete("k", 0)).isFalse();
      assertThat(text(records().get("k"))).isEqualTo("v2:b");
      assertThat(records().delete("k", 2)).isTrue();
      assertThat(records().get("k")).isEmpty();
      assertThat(records().list("")).isEmpty();
      assertThat(records().delete("k", 2)).isFalse();
    }

    @Test
    void deleteOfAMissingKeyReturnsFalse() {
      assertThat(records().delete("missing", 1)).isFalse();
      assertThat(records().delete("missing", 0)).isFalse();
    }

    @Test
    void aDeletedKeyIsCreatedAgainAtVersionOne() {
      records().create("k", bytes("a"));
      records().compareAndSet("k", 1, bytes("b"));
      records().delete("k", 2);
      assertThat(records().compareAndSet("k", 2, bytes("ghost"))).isFalse();
      assertThat(records().create("k", bytes("again"))).isTrue();
      assertThat(text(records().get("k"))).isEqualTo("v1:again");
    }

    @Test
    void valuesAreCopiedInAndOut() {
      byte[] value = bytes("abc");
      records().create("k", value);
      value[0] = 'X';
      StoredRecord r = records().get("k").orElseThrow();
      byte[] out = r.value();
      out[1] = 'Y';
      assertThat(text(r.value())).isEqualTo("abc");
      assertThat(text(records().get("k"))).isEqualTo("v1:abc");
    }

    @Test
    void emptyAndBinaryValuesRoundTrip() {
      byte[] all = new byte[256];
      for (int i = 0; i < all.length; i++) {
        all[i] = (byte) i;
      }
      records().create("empty", new byte[0]);
      records().create("binary", all);
      assertThat(records().get("empty").orElseThrow().value()).isEmpty();
      assertThat(records().get("empty").orElseThrow().size()).isZero();
      assertThat(records().get("binary").orElseThrow().value()).isEqualTo(all);
    }

    @Test
    void aValueOfExactlyTheLimitIsAccepted() {
      byte[] big = random(RecordStore.MAX_VALUE_BYTES, 1);
      assertThat(records().create("big", big)).isTrue();
      assertThat(records().get("big").orElseThrow().value()).isEqualTo(big);
    }

    @Test
    void aValueOverTheLimitIsRefusedAndNothingIsWritten() {
      records().create("k", bytes("small"));
      byte[] tooBig = new byte[RecordStore.MAX_VALUE_BYTES + 1];
      assertThatThrownBy(() -> records().create("big", tooBig))
          .isInstanceOf(InvalidInputException.class).hasMessageContaining("big");
      assertThatThrownBy(() -> records().compareAndSet("k", 1, tooBig))
          .isInstanceOf(InvalidInputException.class);
      assertThat(records().get("big")).isEmpty();
      assertThat(text(records().get("k"))).isEqualTo("v1:small");
    }

    @Test
    void keysDifferingOnlyInCaseAreDifferentRecords() {
      records().create("Model", bytes("upper"));
      records().create("model", bytes("lower"));
      records().create("MODEL", bytes("caps"));
      assertThat(text(records().get("Model"))).isEqualTo("v1:upper");
      assertThat(text(records().get("model"))).isEqualTo("v1:lower");
      assertThat(text(records().get("MODEL"))).isEqualTo("v1:caps");
      assertThat(keys(records().list(""))).containsExactly("MODEL", "Model", "model");
    }

    @Test
    void aKeyAndKeysBelowItAreIndependent() {
      records().create("a", bytes("1"));
      records().create("a/b", bytes("2"));
      records().create("a/b/c", bytes("3"));
      records().create("a.d", bytes("4"));
      records().create("a.d/x", bytes("5"));
      records().create("a.rec", bytes("6"));
      records().create("a.log", bytes("7"));
      assertThat(keys(records().list(""))).containsExactly("a", "a.d", "a.d/x", "a.log", "a.rec", "a/b", "a/b/c");
      records().delete("a/b", 1);
      assertThat(keys(records().list(""))).containsExactly("a", "a.d", "a.d/x", "a.log", "a.rec", "a/b/c");
      assertThat(text(records().get("a"))).isEqualTo("v1:1");
    }

    @Test
    void everyAllowedCharacterAndTheLongestKeysWork() {
      String all = "AZaz09._~%+=@-";
      String longSegment = "s".repeat(StorageKeys.MAX_SEGMENT);
      String longUpper = "S".repeat(StorageKeys.MAX_SEGMENT);
      String longest = ("S".repeat(200) + "/").repeat(4);
      longest = longest + "T".repeat(StorageKeys.MAX_KEY - longest.length());
      String deep = "d/".repeat(60) + "leaf";
      for (String key : List.of(all, longSegment, longUpper, "x/" + longUpper + "/y", longest, deep, "..a", "a..",
          ".a", "~", "%2F", "@=+")) {
        assertThat(StorageKeys.isValid(key)).as(key).isTrue();
        assertThat(records().create(key, bytes(key))).as(key).isTrue();
        assertThat(text(records().get(key))).as(key).isEqualTo("v1:" + key);
        assertThat(records().compareAndSet(key, 1, bytes("2"))).isTrue();
        assertThat(keys(records().list(key))).as(key).contains(key);
      }
      assertThat(records().list("")).hasSize(12);
    }
  }

  // ------------------------------------------------------------------------------------------------
  /** Records: listing by prefix in key order. */
  @Nested
  class Listing {
    private final List<String> keys = List.of("a", "a-b", "a.b", "a/b", "a/b/c", "a/c", "a0", "ab", "A",
        "A/b", "B", "b", "b/a", "_x", "~z", "%41", "runs/abc/1", "runs/abd", "runs/b");

    @BeforeEach
    void fill() {
      List<String> shuffled = new ArrayList<>(keys);
      Collections.shuffle(shuffled, new Random(7));
      for (String k : shuffled) {
        records().create(k, bytes(k));
      }
    }

    private List<String> expected(String prefix) {
      List<String> out = new ArrayList<>();
      for (String k : keys) {
        if (k.startsWith(prefix)) {
          out.add(k);
        }
      }
      Collections.sort(out);
      return out;
    }

    @Test
    void listsExactlyTheKeysStartingWithThePrefixInStringOrder() {
      for (String prefix : List.of("", "a", "a/", "a/b", "a/b/", "A", "b", "runs/", "runs/ab", "runs/abc/", "r", "%",
          "~", "_", "zzz", "a/b/c/", "a.", ".")) {
        List<StoredRecord> listed = records().list(prefix);
        assertThat(keys(listed)).as("prefix '%s'", prefix).isEqualTo(expected(prefix));
        for (StoredRecord r : listed) {
          assertThat(text(r.value())).isEqualTo(r.key());
          assertThat(r.version()).isEqualTo(1);
        }
      }
    }

    @Test
    void listingShowsCurrentVersionsAndSkipsDeletedKeys() {
      records().compareAndSet("a/b", 1, bytes("new"));
      records().delete("a/c", 1);
      List<StoredRecord> listed = records().list("a/");
      assertThat(keys(listed)).containsExactly("a/b", "a/b/c");
      assertThat(listed.get(0).version()).isEqualTo(2);
      assertThat(text(listed.get(0).value())).isEqualTo("new");
    }

    @Test
    void invalidPrefixesAreRefused() {
      for (String prefix : List.of("/", "/a", "a//", "../", "a/../", "a/./", "../b", "a/../b", "./a", "x\u0000",
          "a b", "C:\\", "a\\b")) {
        assertThat(catchThrowable(() -> records().list(prefix))).as(prefix)
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("prefix");
        assertThat(catchThrowable(() -> series().list(prefix))).as(prefix)
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("prefix");
      }
    }
  }

  // ------------------------------------------------------------------------------------------------
  /** Keys: hostile keys are refused on every operation and nothing is written. */
  @Nested
  class InvalidKeys {
    @Test
    void hostileKeysAreRefusedOnEveryOperationAndNothingIsWritten() {
      records().create("ok", bytes("v"));
      series().append("ok", batch("e"));
      String before = StorageContents.of(storage);
      for (String key : HOSTILE_KEYS) {
        assertThat(StorageKeys.isValid(key)).as(key).isFalse();
        List<Runnable> operations = List.of(
            () -> records().get(key),
            () -> records().create(key, bytes("x")),
            () -> records().compareAndSet(key, 0, bytes("x")),
            () -> records().compareAndSet(key, 1, bytes("x")),
            () -> records().delete(key, 1),
            () -> series().append(key, batch("x")),
            () -> series().append(key, List.of()),
            () -> series().read(key, 0, 10),
            () -> series().readAll(key));
        for (Runnable op : operations) {
          assertThatThrownBy(op::run).as("key %s", StorageKeys.shorten(key))
              .isInstanceOf(InvalidInputException.class)
              .hasMessageContaining("invalid storage key");
        }
      }
      assertThat(StorageContents.of(storage)).isEqualTo(before);
    }

    @Test
    void theErrorNamesTheRuleBroken() {
      assertThatThrownBy(() -> records().get("../x")).hasMessageContaining("'..'");
      assertThatThrownBy(() -> records().get("/abs")).hasMessageContaining("relative");
      assertThatThrownBy(() -> records().get("x\u0000y")).hasMessageContaining("NUL").hasMessageContaining("index 1");
      assertThatThrownBy(() -> records().get("a\nb")).hasMessageContaining("U+000A");
      assertThatThrownBy(() -> records().get("x".repeat(2000))).hasMessageContaining("2000 characters");
      assertThatThrownBy(() -> records().get("a//b")).hasMessageContaining("empty segment");
      assertThatThrownBy(() -> records().get("C:\\x")).hasMessageContaining("':'");
    }
  }

  // ------------------------------------------------------------------------------------------------
  /** Series: batched appends, ordered reads, pagination. */
  @Nested
  class Series {
    @Test
    void entriesReadBackInAppendOrder() {
      series().append("m/loss", batch("1", "2", "3"));
      series().append("m/loss", batch("4"));
      series().append("m/loss", batch("5", "6"));
      assertThat(texts(series().readAll("m/loss"))).containsExactly("1", "2", "3", "4", "5", "6");
    }

    @Test
    void aMissingSeriesReadsEmptyAndIsNotListed() {
      SeriesPage page = series().read("none", 0, 10);
      assertThat(page.size()).isZero();
      assertThat(page.isEnd()).isTrue();
      assertThat(series().readAll("none")).isEmpty();
      assertThat(series().list("")).isEmpty();
    }

    @Test
    void anEmptyBatchDoesNothing() {
      series().append("s", List.of());
      assertThat(series().list("")).isEmpty();
      series().append("s", batch("a"));
      series().append("s", List.of());
      assertThat(texts(series().readAll("s"))).containsExactly("a");
    }

    @Test
    void emptyAndBinaryEntriesRoundTrip() {
      byte[] all = new byte[256];
      for (int i = 0; i < all.length; i++) {
        all[i] = (byte) i;
      }
      byte[] big = random(300_000, 3);
      series().append("s", List.of(new byte[0], all, new byte[0]));
      series().append("s", List.of(big));
      List<byte[]> back = series().readAll("s");
      assertThat(back).hasSize(4);
      assertThat(back.get(0)).isEmpty();
      assertThat(back.get(1)).isEqualTo(all);
      assertThat(back.get(2)).isEmpty();
      assertThat(back.get(3)).isEqualTo(big);
    }

    @Test
    void entriesAreCopiedIn() {
      byte[] e = bytes("abc");
      List<byte[]> b = new ArrayList<>(List.of(e));
      series().append("s", b);
      e[0] = 'X';
      b.add(bytes("later"));
      assertThat(texts(series().readAll("s"))).containsExactly("abc");
    }

    @Test
    void pagesWalkEveryEntryOnceInOrder() {
      List<String> expected = new ArrayList<>();
      for (int b = 0; b < 12; b++) {
        List<byte[]> entries = new ArrayList<>();
        for (int i = 0; i <= b % 4; i++) {
          String e = b + "." + i;
          entries.add(bytes(e));
          expected.add(e);
        }
        series().append("s", entries);
      }
      for (int pageSize : new int[] {0, 1, 2, 3, 5, 100}) {
        List<String> seen = new ArrayList<>();
        long position = 0;
        for (int guard = 0; ; guard++) {
          assertThat(guard).as("pages never end").isLessThan(100);
          SeriesPage page = series().read("s", position, pageSize);
          int remaining = expected.size() - seen.size();
          assertThat(page.size()).as("page size").isGreaterThanOrEqualTo(Math.min(Math.max(1, pageSize), remaining));
          seen.addAll(texts(page.entries()));
          position = page.nextPosition();
          if (page.isEnd()) {
            break;
          }
          assertThat(page.size()).as("a page that is not the end holds entries").isPositive();
        }
        assertThat(seen).as("page size %d", pageSize).isEqualTo(expected);
        SeriesPage after = series().read("s", position, pageSize);
        assertThat(after.size()).isZero();
        assertThat(after.isEnd()).isTrue();
      }
    }

    @Test
    void forEachEntryPassesWhatPagesReadAndGoesOnFromThePositionItReturns() {
      List<String> expected = new ArrayList<>();
      for (int b = 0; b < 9; b++) {
        List<byte[]> entries = new ArrayList<>();
        for (int i = 0; i <= b % 3; i++) {
          String e = b + "." + i;
          entries.add(bytes(e));
          expected.add(e);
        }
        entries.add(b == 4 ? random(300_000, b) : new byte[0]);
        expected.add(b == 4 ? "big" : "");
        series().append("s", entries);
      }
      List<String> seen = new ArrayList<>();
      SeriesEntrySink collect = (buffer, offset, length) ->
          seen.add(length > 1000 ? "big" : new String(buffer, offset, length, UTF_8));
      long end = series().forEachEntry("s", 0, collect);
      assertThat(seen).isEqualTo(expected);
      assertThat(texts(series().readAll("s"))).hasSize(expected.size());
      assertThat(series().read("s", end, 10).isEnd()).isTrue();

      SeriesPage first = series().read("s", 0, 5);
      seen.clear();
      assertThat(series().forEachEntry("s", first.nextPosition(), collect)).isEqualTo(end);
      assertThat(seen).isEqualTo(expected.subList(first.size(), expected.size()));

      series().append("s", batch("later"));
      seen.clear();
      long later = series().forEachEntry("s", end, collect);
      assertThat(seen).containsExactly("later");
      seen.clear();
      assertThat(series().forEachEntry("s", later, collect)).isEqualTo(later);
      assertThat(seen).isEmpty();
      assertThat(series().forEachEntry("none", 0, collect)).isZero();
      assertThat(seen).isEmpty();
      assertThatThrownBy(() -> series().forEachEntry("s", -1, collect)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void whatTheSinkThrowsEndsTheWalkAndReachesTheCaller() {
      series().append("s", batch("1", "2"));
      series().append("s", batch("3"));
      List<String> seen = new ArrayList<>();
      IllegalStateException stop = new IllegalStateException("enough");
      CorruptedDataException bad = new CorruptedDataException("the sink cannot decode it");
      for (RuntimeException thrown : List.of(stop, bad)) {
        seen.clear();
        assertThatThrownBy(() -> series().forEachEntry("s", 0, (buffer, offset, length) -> {
          seen.add(new String(buffer, offset, length, UTF_8));
          if (seen.size() == 2) {
            throw thrown;
          }
        })).isSameAs(thrown);
        assertThat(seen).as("nothing is passed twice").containsExactly("1", "2");
      }
    }

    @Test
    void aPageHoldsWholeBatches() {
      series().append("s", batch("a1", "a2", "a3"));
      series().append("s", batch("b1"));
      series().append("s", batch("c1", "c2", "c3", "c4"));
      SeriesPage first = series().read("s", 0, 1);
      assertThat(texts(first.entries())).containsExactly("a1", "a2", "a3");
      assertThat(first.isEnd()).isFalse();
      SeriesPage second = series().read("s", first.nextPosition(), 2);
      assertThat(texts(second.entries())).containsExactly("b1", "c1", "c2", "c3", "c4");
      assertThat(second.isEnd()).isTrue();
    }

    @Test
    void aReaderResumesFromItsPositionAfterMoreAppends() {
      series().append("s", batch("1", "2"));
      SeriesPage first = series().read("s", 0, 100);
      assertThat(first.isEnd()).isTrue();
      series().append("s", batch("3"));
      series().append("s", batch("4", "5"));
      SeriesPage next = series().read("s", first.nextPosition(), 100);
      assertThat(texts(next.entries())).containsExactly("3", "4", "5");
      assertThat(next.isEnd()).isTrue();
      SeriesPage none = series().read("s", next.nextPosition(), 100);
      assertThat(none.size()).isZero();
      assertThat(none.isEnd()).isTrue();
    }

    @Test
    void aNegativePositionIsInvalidInput() {
      series().append("s", batch("1"));
      assertThatThrownBy(() -> series().read("s", -1, 10)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void seriesAreListedByPrefixInOrder() {
      for (String k : List.of("runs/b/loss", "runs/a/loss", "runs/a/acc", "other", "runs/A/x", "runsx")) {
        series().append(k, batch(k));
      }
      assertThat(series().list("")).containsExactly("other", "runs/A/x", "runs/a/acc", "runs/a/loss", "runs/b/loss",
          "runsx");
      assertThat(series().list("runs/")).containsExactly("runs/A/x", "runs/a/acc", "runs/a/loss", "runs/b/loss");
      assertThat(series().list("runs/a")).containsExactly("runs/a/acc", "runs/a/loss");
      assertThat(series().list("runs")).hasSize(5);
      assertThat(series().list("zzz")).isEmpty();
    }

    @Test
    void seriesAndRecordsAreSeparateNamespaces() {
      records().create("same/key", bytes("record"));
      series().append("same/key", batch("entry"));
      assertThat(text(records().get("same/key"))).isEqualTo("v1:record");
      assertThat(texts(series().readAll("same/key"))).containsExactly("entry");
    }

    @Test
    void aBatchOverTheLimitIsRefusedAndNothingIsWritten() {
      series().append("s", batch("kept"));
      byte[] mib = new byte[1 << 20];
      List<byte[]> tooBig = Collections.nCopies(SeriesStore.MAX_BATCH_BYTES / mib.length + 1, mib);
      assertThatThrownBy(() -> series().append("s", tooBig)).isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("'s'");
      assertThatThrownBy(() -> series().append("t", tooBig)).isInstanceOf(InvalidInputException.class);
      assertThat(texts(series().readAll("s"))).containsExactly("kept");
      assertThat(series().list("")).containsExactly("s");
    }
  }

  // ------------------------------------------------------------------------------------------------
  /** Blobs: content addressing, dedup, verified reads. */
  @Nested
  class Blobs {
    @TempDir
    Path files;

    @Test
    void aBlobRoundTripsUnderItsSha256() {
      byte[] content = random(10_000, 11);
      BlobInfo info = blobs().put(new ByteArrayInputStream(content));
      assertThat(info.digest()).isEqualTo(Digest.sha256(content));
      assertThat(info.size()).isEqualTo(content.length);
      assertThat(readAll(blobs().open(info.digest()))).isEqualTo(content);
      assertThat(blobs().contains(info.digest())).isTrue();
      assertThat(blobs().stat(info.digest()).orElseThrow().size()).isEqualTo(content.length);
    }

    @Test
    void theEmptyBlobRoundTrips() {
      BlobInfo info = blobs().put(new ByteArrayInputStream(new byte[0]));
      assertThat(info.digest()).isEqualTo(Digest.sha256(new byte[0]));
      assertThat(info.size()).isZero();
      assertThat(readAll(blobs().open(info.digest()))).isEmpty();
      assertThat(blobs().stat(info.digest()).orElseThrow().size()).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4095, 65_536, 1 << 20, (1 << 20) + 1, 3 * (1 << 20) - 7})
    void blobsOfSizesAroundBufferBoundariesRoundTrip(int size) {
      byte[] content = random(size, size);
      BlobInfo info = blobs().put(new ByteArrayInputStream(content));
      assertThat(info.digest()).isEqualTo(Digest.sha256(content));
      assertThat(info.size()).isEqualTo(size);
      assertThat(readAll(blobs().open(info.digest()))).isEqualTo(content);
    }

    @Test
    void aTricklingStreamIsReadToItsEndAndNotClosed() {
      byte[] content = random(5000, 5);
      AtomicBoolean closed = new AtomicBoolean();
      InputStream trickle = new FilterInputStream(new ByteArrayInputStream(content)) {
        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          return super.read(b, off, Math.min(len, 3));
        }

        @Override
        public void close() {
          closed.set(true);
        }
      };
      BlobInfo info = blobs().put(trickle);
      assertThat(info.digest()).isEqualTo(Digest.sha256(content));
      assertThat(info.size()).isEqualTo(content.length);
      assertThat(closed).isFalse();
      assertThat(readAll(blobs().open(info.digest()))).isEqualTo(content);
    }

    @Test
    void storingTheSameBytesTwiceStoresThemOnce() {
      byte[] content = bytes("same bytes");
      BlobInfo a = blobs().put(new ByteArrayInputStream(content));
      BlobInfo b = blobs().put(new ByteArrayInputStream(content.clone()));
      assertThat(b.digest()).isEqualTo(a.digest());
      assertThat(b.size()).isEqualTo(a.size());
      assertThat(allBlobs()).containsExactly(a.digest() + " " + content.length);
    }

    @Test
    void aRePutRefreshesLastWritten() {
      BlobInfo first = blobs().put(new ByteArrayInputStream(bytes("x")));
      clock.advance(Duration.ofDays(3));
      BlobInfo second = blobs().put(new ByteArrayInputStream(bytes("x")));
      Instant stat = blobs().stat(first.digest()).orElseThrow().lastWritten();
      if (honoursClock()) {
        assertThat(first.lastWritten()).isEqualTo(EPOCH);
        assertThat(second.lastWritten()).isEqualTo(EPOCH.plus(Duration.ofDays(3)));
        assertThat(stat).isEqualTo(EPOCH.plus(Duration.ofDays(3)));
      } else {
        assertThat(second.lastWritten()).isAfterOrEqualTo(first.lastWritten());
        assertThat(stat).isAfterOrEqualTo(first.lastWritten());
      }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 65_536, (1 << 20) + 1, 3 * (1 << 20) - 7})
    void aFileRoundTripsUnderItsSha256(int size) throws IOException {
      byte[] content = random(size, size + 3);
      Path file = Files.write(files.resolve("model.bin"), content);

      BlobInfo info = blobs().put(file);

      assertThat(info.digest()).isEqualTo(Digest.sha256(content));
      assertThat(info.size()).isEqualTo(size);
      assertThat(readAll(blobs().open(info.digest()))).isEqualTo(content);
      assertThat(Files.readAllBytes(file)).as("the source is left as it was").isEqualTo(content);
    }

    @Test
    void aFileAndAStreamOfTheSameBytesAreOneBlob() throws IOException {
      byte[] content = random(70_000, 12);
      BlobInfo fromStream = blobs().put(new ByteArrayInputStream(content));
      clock.advance(Duration.ofDays(1));

      BlobInfo fromFile = blobs().put(Files.write(files.resolve("same.bin"), content));

      assertThat(fromFile.digest()).isEqualTo(fromStream.digest());
      assertThat(allBlobs()).containsExactly(fromStream.digest() + " " + content.length);
      if (honoursClock()) {
        assertThat(blobs().stat(fromFile.digest()).orElseThrow().lastWritten())
            .isEqualTo(EPOCH.plus(Duration.ofDays(1)));
      }
    }

    @Test
    void aMissingFileOrADirectoryIsAStorageErrorNamingItAndStoresNothing() throws IOException {
      Path missing = files.resolve("missing.bin");
      Path dir = Files.createDirectory(files.resolve("a-directory"));

      assertThatThrownBy(() -> blobs().put(missing)).isInstanceOf(StorageException.class)
          .hasMessageContaining(missing.toString()).hasMessageContaining("nothing was stored");
      assertThatThrownBy(() -> blobs().put(dir)).isInstanceOf(StorageException.class)
          .hasMessageContaining(dir.toString()).hasMessageContaining("nothing was stored");
      assertThat(allBlobs()).isEmpty();
    }

    @Test
    void aNamedPipeIsRefusedWithoutWaitingForAWriter() throws Exception {
      Path pipe = files.resolve("pipe");
      Process mkfifo;
      try {
        mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).start();
      } catch (IOException e) {
        Assumptions.abort("mkfifo is not available: " + e);
        return;
      }
      Assumptions.assumeTrue(mkfifo.waitFor() == 0 && Files.exists(pipe), "mkfifo made no pipe");

      ExecutorService single = Executors.newSingleThreadExecutor();
      try {
        Future<?> put = single.submit(() -> blobs().put(pipe));
        assertThatThrownBy(() -> put.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(StorageException.class)
            .hasMessageContaining(pipe.toString());
      } finally {
        single.shutdownNow();
      }
    }

    @Test
    void aSymbolicLinkIsNotFollowed() throws IOException {
      Path target = Files.write(files.resolve("target.bin"), bytes("secret"));
      Path link = files.resolve("link.bin");
      try {
        Files.createSymbolicLink(link, target);
      } catch (UnsupportedOperationException | IOException e) {
        Assumptions.abort("this file system cannot make symbolic links: " + e);
      }

      assertThatThrownBy(() -> blobs().put(link)).isInstanceOf(StorageException.class)
          .hasMessageContaining(link.toString());
      assertThat(allBlobs()).isEmpty();
      assertThat(blobs().put(target).digest()).isEqualTo(Digest.sha256("secret"));
    }

    @Test
    void aMissingBlobIsNotFound() {
      Digest missing = Digest.sha256("never stored");
      assertThat(blobs().stat(missing)).isEmpty();
      assertThat(blobs().contains(missing)).isFalse();
      assertThat(blobs().delete(missing)).isFalse();
      assertThatThrownBy(() -> blobs().open(missing)).isInstanceOf(NotFoundException.class)
          .hasMessageContaining(missing.toString());
    }

    @Test
    void aDeletedBlobIsGoneAndCanBeStoredAgain() {
      byte[] content = bytes("gone soon");
      BlobInfo info = blobs().put(new ByteArrayInputStream(content));
      BlobInfo other = blobs().put(new ByteArrayInputStream(bytes("stays")));
      assertThat(blobs().delete(info.digest())).isTrue();
      assertThat(blobs().delete(info.digest())).isFalse();
      assertThat(blobs().contains(info.digest())).isFalse();
      assertThatThrownBy(() -> blobs().open(info.digest())).isInstanceOf(NotFoundException.class);
      assertThat(allBlobs()).containsExactly(other.digest() + " 5");
      blobs().put(new ByteArrayInputStream(content));
      assertThat(readAll(blobs().open(info.digest()))).isEqualTo(content);
    }

    @Test
    void forEachVisitsEveryBlobOnce() {
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        byte[] content = random(i * 37, i);
        BlobInfo info = blobs().put(new ByteArrayInputStream(content));
        if (!expected.contains(info.digest() + " " + content.length)) {
          expected.add(info.digest() + " " + content.length);
        }
      }
      assertThat(allBlobs()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aFailingInputStoresNothing() {
      InputStream failing = new InputStream() {
        private int left = 100_000;

        @Override
        public int read() throws IOException {
          if (left <= 0) {
            throw new IOException("network gone");
          }
          left--;
          return 'a';
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          if (left <= 0) {
            throw new IOException("network gone");
          }
          int n = Math.min(len, Math.min(left, 1000));
          Arrays.fill(b, off, off + n, (byte) 'a');
          left -= n;
          return n;
        }
      };
      assertThatThrownBy(() -> blobs().put(failing)).isInstanceOf(StorageException.class);
      assertThat(allBlobs()).isEmpty();
    }

    @Test
    void aReadOfDamagedBytesFailsInsteadOfEnding() {
      byte[] content = random(20_000, 9);
      Digest digest = blobs().put(new ByteArrayInputStream(content)).digest();
      byte[] damaged = content.clone();
      damaged[12_345] ^= 1;
      Assumptions.assumeTrue(corruptBlob(storage, digest, damaged), "the backend offers no way to damage a blob");
      assertThatThrownBy(() -> readAll(blobs().open(digest))).isInstanceOf(CorruptedDataException.class)
          .hasMessageContaining(digest.toString());
      Assumptions.assumeTrue(corruptBlob(storage, digest, Arrays.copyOf(content, 100)));
      assertThatThrownBy(() -> readAll(blobs().open(digest))).isInstanceOf(CorruptedDataException.class);
      try (InputStream in = blobs().open(digest)) {
        assertThatThrownBy(() -> {
          while (in.read() >= 0) {
            // read byte by byte to the end
          }
        }).isInstanceOf(CorruptedDataException.class);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private List<String> allBlobs() {
      List<String> all = new ArrayList<>();
      blobs().forEach(b -> all.add(b.digest() + " " + b.size()));
      return all;
    }
  }

  // ------------------------------------------------------------------------------------------------
  /** Many threads at once. */
  @Nested
  class Concurrency {
    private static final int THREADS = 8;

    private <T> List<T> runAll(int threads, Callable<T> task) throws Exception {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          futures.add(pool.submit(() -> {
            start.await();
            return task.call();
          }));
        }
        start.countDown();
        List<T> out = new ArrayList<>();
        for (Future<T> f : futures) {
          out.add(f.get(60, TimeUnit.SECONDS));
        }
        return out;
      } finally {
        pool.shutdownNow();
      }
    }

    @Test
    void compareAndSetIncrementsFromManyThreadsAreExact() throws Exception {
      int perThread = 60;
      records().create("counter", bytes("0"));
      AtomicInteger conflicts = new AtomicInteger();
      runAll(THREADS, () -> {
        for (int done = 0; done < perThread; ) {
          StoredRecord r = records().get("counter").orElseThrow();
          int next = Integer.parseInt(text(r.value())) + 1;
          if (records().compareAndSet("counter", r.version(), bytes(String.valueOf(next)))) {
            done++;
          } else {
            conflicts.incrementAndGet();
          }
        }
        return null;
      });
      StoredRecord r = records().get("counter").orElseThrow();
      assertThat(text(r.value())).isEqualTo(String.valueOf(THREADS * perThread));
      assertThat(r.version()).isEqualTo(THREADS * perThread + 1L);
    }

    @Test
    void exactlyOneOfManyConcurrentCreatesWins() throws Exception {
      for (int round = 0; round < 5; round++) {
        String key = "race/" + round;
        AtomicInteger next = new AtomicInteger();
        List<Boolean> won = runAll(THREADS, () -> records().create(key, bytes("w" + next.getAndIncrement())));
        assertThat(won).filteredOn(b -> b).hasSize(1);
        assertThat(records().get(key).orElseThrow().version()).isEqualTo(1);
      }
    }

    @Test
    void concurrentAppendsDoNotInterleave() throws Exception {
      int batches = 25;
      AtomicInteger ids = new AtomicInteger();
      runAll(THREADS, () -> {
        int t = ids.getAndIncrement();
        for (int b = 0; b < batches; b++) {
          List<byte[]> entries = new ArrayList<>();
          for (int i = 0; i < 1 + (b % 5); i++) {
            entries.add(bytes(t + ":" + b + ":" + i));
          }
          series().append("shared", entries);
        }
        return null;
      });
      List<String> all = texts(series().readAll("shared"));
      assertBatchesWhole(all, THREADS, batches);
    }

    @Test
    void writeBatchesFromManyThreadsKeepCountersExactAndBatchesWhole() throws Exception {
      int perThread = 25;
      records().create("counter", bytes("0"));
      AtomicInteger ids = new AtomicInteger();
      AtomicInteger attempts = new AtomicInteger();
      runAll(THREADS, () -> {
        int t = ids.getAndIncrement();
        for (int b = 0; b < perThread; ) {
          int attempt = attempts.getAndIncrement();
          StoredRecord r = records().get("counter").orElseThrow();
          int next = Integer.parseInt(text(r.value())) + 1;
          List<String> entries = new ArrayList<>();
          for (int k = 0; k < 1 + (b % 5); k++) {
            entries.add(t + ":" + b + ":" + k);
          }
          WriteBatch.Result result = storage.write(WriteBatch.builder()
              .append("log", batch(entries.toArray(new String[0])))
              .compareAndSet("counter", r.version(), bytes(String.valueOf(next)))
              .compareAndSet("own/" + attempt, 0, bytes("x"))
              .build());
          assertThat(result.failure()).isEmpty();
          assertThat(result.outcome(0)).isEqualTo(WriteBatch.Outcome.WRITTEN);
          assertThat(result.outcome(2)).isEqualTo(WriteBatch.Outcome.WRITTEN);
          if (result.outcome(1) == WriteBatch.Outcome.WRITTEN) {
            b++;
          } else {
            assertThat(result.outcome(1)).isEqualTo(WriteBatch.Outcome.VERSION_DIFFERED);
            // the log entries went in anyway: write this batch number again under a new series
            storage.write(WriteBatch.builder().append("retries", batch(t + ":" + b)).build());
          }
        }
        return null;
      });
      assertThat(text(records().get("counter").orElseThrow().value())).isEqualTo(String.valueOf(THREADS * perThread));
      assertThat(records().list("own/")).as("one record per attempt, differing or not").hasSize(attempts.get());
      List<String> log = texts(series().readAll("log"));
      List<String> retried = texts(series().readAll("retries"));
      List<String> firstTries = new ArrayList<>();
      Map<String, Integer> retriesLeft = new HashMap<>();
      retried.forEach(r -> retriesLeft.merge(r, 1, Integer::sum));
      for (int i = 0; i < log.size(); ) { // drop the batches whose compare-and-set differed (once per retry)
        String[] first = log.get(i).split(":");
        int size = 1 + (Integer.parseInt(first[1]) % 5);
        String id = first[0] + ":" + first[1];
        if (retriesLeft.getOrDefault(id, 0) > 0) {
          retriesLeft.merge(id, -1, Integer::sum);
        } else {
          firstTries.addAll(log.subList(i, Math.min(log.size(), i + size)));
        }
        i += size;
      }
      assertBatchesWhole(firstTries, THREADS, perThread);
    }

    @Test
    void readersNeverSeeAPartialBatchOrRecord() throws Exception {
      AtomicBoolean stop = new AtomicBoolean();
      records().create("r", bytes("0".repeat(1000)));
      List<String> failures = Collections.synchronizedList(new ArrayList<>());
      ExecutorService readers = Executors.newFixedThreadPool(2);
      try {
        Future<?> f1 = readers.submit(() -> {
          while (!stop.get()) {
            List<String> all = texts(series().readAll("s"));
            if (all.size() % 10 != 0) {
              failures.add("series read " + all.size() + " entries");
            }
          }
        });
        Future<?> f2 = readers.submit(() -> {
          while (!stop.get()) {
            String v = text(records().get("r").orElseThrow().value());
            if (v.chars().distinct().count() != 1 || v.length() != 1000) {
              failures.add("record read " + v);
            }
          }
        });
        for (int i = 0; i < 60; i++) {
          List<byte[]> b = new ArrayList<>();
          for (int j = 0; j < 10; j++) {
            b.add(bytes(i + "/" + j));
          }
          series().append("s", b);
          StoredRecord r = records().get("r").orElseThrow();
          records().compareAndSet("r", r.version(), bytes(String.valueOf(i % 10).repeat(1000)));
        }
        stop.set(true);
        f1.get(30, TimeUnit.SECONDS);
        f2.get(30, TimeUnit.SECONDS);
      } finally {
        stop.set(true);
        readers.shutdownNow();
      }
      assertThat(failures).isEmpty();
    }

    /**
     * The artifacts facade over this backend: "content equal to the latest live version returns that
     * version" holds when many threads publish the same bytes at once, round after round (each round's
     * bytes differ from the round before, so every thread has to commit).
     */
    @Test
    void concurrentPublishesOfTheSameBytesMakeOneVersionPerRound() throws Exception {
      int rounds = 6;
      try (MlopsStore store = SharedStorage.store(storage, clock, Duration.ZERO)) {
        Artifacts artifacts = store.artifacts();
        for (int round = 1; round <= rounds; round++) {
          byte[] content = bytes("round " + round);
          List<ArtifactVersion> got = runAll(THREADS,
              () -> artifacts.publish("same", new ByteArrayInputStream(content), ArtifactSpec.defaults()));
          assertThat(got).extracting(ArtifactVersion::version).as("round %d", round).containsOnly(round);
          assertThat(got).filteredOn(ArtifactVersion::isNewVersion).as("round %d", round).hasSize(1);
        }
        assertThat(artifacts.versions("same")).extracting(ArtifactVersion::version)
            .containsExactly(1, 2, 3, 4, 5, 6);
      }
    }

    @Test
    void concurrentPutsOfTheSameBlobAgree() throws Exception {
      byte[] content = random(200_000, 42);
      List<BlobInfo> infos = runAll(THREADS, () -> blobs().put(new ByteArrayInputStream(content)));
      for (BlobInfo i : infos) {
        assertThat(i.digest()).isEqualTo(Digest.sha256(content));
      }
      assertThat(readAll(blobs().open(Digest.sha256(content)))).isEqualTo(content);
      List<BlobInfo> all = new ArrayList<>();
      blobs().forEach(all::add);
      assertThat(all).hasSize(1);
    }
  }

  /**
   * Checks that entries named {@code writer:batch:index} hold every batch whole, in each writer's order.
   *
   * @param all the entries as read
   * @param writers how many writers appended
   * @param batches how many batches each appended, batch {@code b} holding {@code 1 + b % 5} entries
   */
  public static void assertBatchesWhole(List<String> all, int writers, int batches) {
    Map<Integer, Integer> nextBatch = new HashMap<>();
    int i = 0;
    while (i < all.size()) {
      String[] first = all.get(i).split(":");
      int t = Integer.parseInt(first[0]);
      int b = Integer.parseInt(first[1]);
      assertThat(b).as("writer %d's batches in order at entry %d", t, i).isEqualTo(nextBatch.getOrDefault(t, 0));
      int size = 1 + (b % 5);
      for (int k = 0; k < size; k++) {
        assertThat(all.get(i + k)).as("entry %d", i + k).isEqualTo(t + ":" + b + ":" + k);
      }
      nextBatch.put(t, b + 1);
      i += size;
    }
    for (int t = 0; t < writers; t++) {
      assertThat(nextBatch.getOrDefault(t, 0)).as("batches of writer %d", t).isEqualTo(batches);
    }
  }

  // ------------------------------------------------------------------------------------------------
  /** {@link Storage#write(WriteBatch)}: writes in order, differing versions skipped, durable on return. */
  @Nested
  class Batches {
    @Test
    void writesInOrderAndSkipsOnlyTheCompareAndSetWhoseVersionDiffers() {
      records().create("r", bytes("1"));
      WriteBatch.Result result = storage.write(WriteBatch.builder()
          .append("s", batch("a"))
          .compareAndSet("r", 5, bytes("stale"))
          .compareAndSet("r", 1, bytes("2"))
          .compareAndSet("new", 0, bytes("n"))
          .append("s", batch("b", "c"))
          .build());
      assertThat(result.failure()).isEmpty();
      assertThat(result.outcomes()).containsExactly(WriteBatch.Outcome.WRITTEN, WriteBatch.Outcome.VERSION_DIFFERED,
          WriteBatch.Outcome.WRITTEN, WriteBatch.Outcome.WRITTEN, WriteBatch.Outcome.WRITTEN);
      assertThat(text(records().get("r"))).isEqualTo("v2:2");
      assertThat(text(records().get("new"))).isEqualTo("v1:n");
      assertThat(texts(series().readAll("s"))).containsExactly("a", "b", "c");
    }

    @Test
    void laterWritesOfOneKeySeeTheEarlierOnesOfTheSameBatch() {
      WriteBatch.Result result = storage.write(WriteBatch.builder()
          .create("k", bytes("1"))
          .compareAndSet("k", 1, bytes("2"))
          .create("k", bytes("again"))
          .build());
      assertThat(result.outcomes()).containsExactly(WriteBatch.Outcome.WRITTEN, WriteBatch.Outcome.WRITTEN,
          WriteBatch.Outcome.VERSION_DIFFERED);
      assertThat(text(records().get("k"))).isEqualTo("v2:2");
      assertThat(records().compareAndSet("k", 2, bytes("3"))).as("single writes follow the batch").isTrue();
      series().append("s", batch("1"));
      storage.write(WriteBatch.builder().append("s", batch("2")).append("s", batch("3", "4")).build());
      series().append("s", batch("5"));
      assertThat(texts(series().readAll("s"))).containsExactly("1", "2", "3", "4", "5");
    }

    @Test
    void anEmptyBatchWritesNothingAndABadKeyIsRefusedBeforeAnything() {
      assertThat(storage.write(WriteBatch.builder().append("s", List.of()).build()).outcomes()).isEmpty();
      WriteBatch.Builder b = WriteBatch.builder().compareAndSet("fine", 0, bytes("x"));
      assertThatThrownBy(() -> b.append("../etc", batch("x"))).isInstanceOf(InvalidInputException.class);
      assertThatThrownBy(() -> b.compareAndSet("ok", -1, bytes("x"))).isInstanceOf(InvalidInputException.class);
      assertThat(records().get("fine")).isEmpty();
      assertThat(series().list("")).isEmpty();
    }

    @Test
    void aWrittenBatchSurvivesReopeningAndDeletesStayDeleted() {
      records().create("gone", bytes("x"));
      storage.write(WriteBatch.builder()
          .compareAndSet("gone", 1, bytes("y"))
          .compareAndSet("kept", 0, bytes("k"))
          .append("s", batch("1", "2"))
          .build());
      assertThat(records().delete("gone", 2)).isTrue();
      String before = StorageContents.of(storage);
      Storage again = reopened();
      assertThat(StorageContents.of(again)).isEqualTo(before);
      assertThat(again.records().get("gone")).isEmpty();
      assertThat(again.records().create("gone", bytes("new"))).isTrue();
      assertThat(text(again.records().get("gone"))).isEqualTo("v1:new");
      assertThat(texts(again.series().readAll("s"))).containsExactly("1", "2");
    }
  }

  // ------------------------------------------------------------------------------------------------
  /** Durable backends: what was written is there after closing and reopening. */
  @Nested
  class Durability {
    @Test
    void everythingSurvivesReopening() {
      records().create("a/b", bytes("1"));
      records().compareAndSet("a/b", 1, bytes("2"));
      records().create("gone", bytes("x"));
      records().delete("gone", 1);
      series().append("s", batch("1", "2"));
      series().append("s", batch("3"));
      BlobInfo blob = blobs().put(new ByteArrayInputStream(bytes("blob")));
      String before = StorageContents.of(storage);
      Storage again = reopened();
      assertThat(StorageContents.of(again)).isEqualTo(before);
      assertThat(readAll(again.blobs().open(blob.digest()))).isEqualTo(bytes("blob"));
      assertThat(again.records().compareAndSet("a/b", 2, bytes("3"))).isTrue();
      again.series().append("s", batch("4"));
      assertThat(texts(again.series().readAll("s"))).containsExactly("1", "2", "3", "4");
    }

    @Test
    void closingTwiceIsHarmless() {
      records().create("kept", bytes("v"));
      series().append("s", batch("1"));
      BlobInfo blob = blobs().put(new ByteArrayInputStream(bytes("blob")));
      String before = StorageContents.of(storage);

      assertThatCode(storage::close).doesNotThrowAnyException();
      assertThatCode(storage::close).as("closing a closed storage").doesNotThrowAnyException();

      Optional<Storage> again = reopen(storage);
      if (again.isPresent()) { // a durable backend: the second close damaged nothing
        Storage reopened = track(again.get());
        assertThat(StorageContents.of(reopened)).isEqualTo(before);
        assertThat(readAll(reopened.blobs().open(blob.digest()))).isEqualTo(bytes("blob"));
        assertThat(reopened.records().compareAndSet("kept", 1, bytes("w"))).as("still writable").isTrue();
      }
    }
  }

  /** Sanity of the kit's own helper, so a broken helper cannot make the concurrency test pass. */
  @Test
  void theBatchCheckerRejectsInterleavedOrMissingBatches() {
    assertBatchesWhole(List.of("0:0:0", "1:0:0", "0:1:0", "0:1:1", "1:1:0", "1:1:1"), 2, 2);
    List<String> interleaved = List.of("0:0:0", "1:0:0", "0:1:0", "1:1:0", "0:1:1", "1:1:1");
    assertThatThrownBy(() -> assertBatchesWhole(interleaved, 2, 2)).isInstanceOf(AssertionError.class);
    List<String> missing = List.of("0:0:0", "1:0:0", "0:1:0", "0:1:1");
    assertThatThrownBy(() -> assertBatchesWhole(missing, 2, 2)).isInstanceOf(AssertionError.class);
  }
}
