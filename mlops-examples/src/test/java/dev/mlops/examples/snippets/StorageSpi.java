package dev.mlops.examples.snippets;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.mlops.core.MlopsStore;
import dev.mlops.core.spi.BlobInfo;
import dev.mlops.core.spi.RecordStore;
import dev.mlops.core.spi.StoredRecord;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;

public class StorageSpi {
  public static void main(String[] args) throws Exception {
    try (MlopsStore store = MlopsStore.open("file:spi-demo")) {
      // blobs: content-addressed, durable when put returns, verified when read
      BlobInfo blob = store.storage().blobs().put(new ByteArrayInputStream("hello".getBytes(UTF_8)));
      try (InputStream in = store.storage().blobs().open(blob.digest())) {
        System.out.println(blob.digest() + " -> " + new String(in.readAllBytes(), UTF_8));
      }
      // records: atomic create and compare-and-set, safe across threads and processes
      RecordStore records = store.storage().records();
      records.create("counters/epochs", "0".getBytes(UTF_8));
      StoredRecord current = records.get("counters/epochs").orElseThrow();
      boolean won = records.compareAndSet("counters/epochs", current.version(), "1".getBytes(UTF_8));
      // series: atomic, durable batches, read back in order
      store.storage().series().append("events/train", List.of("start".getBytes(UTF_8), "epoch 1".getBytes(UTF_8)));
      System.out.println(won + " " + store.storage().series().readAll("events/train").size()); // true 2
    }
  }
}
