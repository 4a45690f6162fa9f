package dev.mlops.core.spi;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.spi.StorageCompatibilityProperties.Append;
import dev.mlops.core.spi.StorageCompatibilityProperties.Create;
import dev.mlops.core.spi.StorageCompatibilityProperties.Delete;
import dev.mlops.core.spi.StorageCompatibilityProperties.Get;
import dev.mlops.core.spi.StorageCompatibilityProperties.ListRecords;
import dev.mlops.core.spi.StorageCompatibilityProperties.Op;
import dev.mlops.core.storage.InMemoryStorage;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The differential check fails on backends that break a contract, so passing it means something. */
class StorageCompatibilityPropertiesSelfTest {
  /** A record store that says it deleted but keeps the record. */
  private static RecordStore forgetfulDeletes(RecordStore inner) {
    return new RecordStore() {
      @Override
      public Optional<StoredRecord> get(String key) {
        return inner.get(key);
      }

      @Override
      public boolean compareAndSet(String key, long expectedVersion, byte[] value) {
        return inner.compareAndSet(key, expectedVersion, value);
      }

      @Override
      public boolean delete(String key, long expectedVersion) {
        return inner.get(key).map(r -> r.version() == expectedVersion).orElse(false);
      }

      @Override
      public List<StoredRecord> list(String prefix) {
        return inner.list(prefix);
      }
    };
  }

  /** A series store that reverses each batch. */
  private static SeriesStore reversingBatches(SeriesStore inner) {
    return new SeriesStore() {
      @Override
      public void append(String key, List<byte[]> entries) {
        List<byte[]> reversed = new java.util.ArrayList<>(entries);
        java.util.Collections.reverse(reversed);
        inner.append(key, reversed);
      }

      @Override
      public SeriesPage read(String key, long position, int maxEntries) {
        return inner.read(key, position, maxEntries);
      }

      @Override
      public List<String> list(String prefix) {
        return inner.list(prefix);
      }
    };
  }

  private static Storage broken(boolean records) {
    Storage base = InMemoryStorage.create();
    return Storage.compose("broken", base.blobs(), records ? forgetfulDeletes(base.records()) : base.records(),
        records ? base.series() : reversingBatches(base.series()), base);
  }

  @Test
  void aDeleteThatDoesNotDeleteIsCaught() {
    List<Op> ops = List.of(new Create("a", new byte[] {1}), new Delete("a", 0), new Get("a"));
    try (Storage s = broken(true)) {
      assertThatThrownBy(() -> StorageCompatibilityProperties.assertBehavesLikeReference(ops, s, x -> Optional.empty()))
          .isInstanceOf(AssertionError.class).hasMessageContaining("step 2");
    }
  }

  @Test
  void reorderedEntriesAreCaught() {
    List<Op> ops = List.of(new Append("s", List.of(new byte[] {1}, new byte[] {2})), new ListRecords(""));
    try (Storage s = broken(false)) {
      assertThatThrownBy(() -> StorageCompatibilityProperties.assertBehavesLikeReference(ops, s, x -> Optional.empty()))
          .isInstanceOf(AssertionError.class).hasMessageContaining("step 0");
    }
  }

  @Test
  void aBackendThatLosesDataOnReopenIsCaught() {
    List<Op> ops = List.of(new Create("a", new byte[] {1}));
    try (Storage s = InMemoryStorage.create()) {
      assertThatThrownBy(() -> StorageCompatibilityProperties.assertBehavesLikeReference(ops, s,
          x -> Optional.of(InMemoryStorage.create()))).isInstanceOf(AssertionError.class)
          .hasMessageContaining("after reopening");
    }
  }
}
