package dev.mlops.core.internal.storage.file;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.mlops.core.StorageException;
import dev.mlops.core.spi.BlobInfo;
import dev.mlops.core.spi.Storage;
import dev.mlops.core.spi.StoredRecord;
import dev.mlops.core.spi.WriteBatch;
import dev.mlops.core.testing.ChildJvm;
import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * The child JVM of the crash and multi-process tests. Modes:
 * <ul>
 *   <li>{@code crash <root> <round>}: writes blobs, counters, new records and series batches (some of
 *       them megabytes long) forever, printing one line per acknowledged (returned) write, ending in
 *       {@code " ."}; the test kills it;</li>
 *   <li>{@code cas <root> <key> <threads> <perThread>}: increments a counter record by compare-and-set;</li>
 *   <li>{@code append <root> <key> <firstWriter> <threads> <batches>}: appends numbered batches.</li>
 *   <li>{@code batch <root> <key> <firstWriter> <threads> <batches>}: the same through {@code Storage.write}
 *       batches, each round also incrementing a shared counter in a batch.</li>
 *   <li>{@code half <root>}: writes {@link #HALF_BATCH}, whose second write cannot reach its file (the test
 *       put a file where its directory goes), so the batch is durable in the journal but only its first write
 *       is in the files; prints {@code half} and waits to be killed.</li>
 * </ul>
 */
public final class StorageWorkerMain {
  private StorageWorkerMain() {}

  /**
   * Runs one mode.
   *
   * @param args the mode and its arguments
   * @throws Exception if the work fails (the test then reads stderr)
   */
  public static void main(String[] args) throws Exception {
    ChildJvm.endWithParent();
    Path root = Path.of(args[1]);
    try (Storage storage = FileStorageBackend.open(root, Duration.ofSeconds(60), Clock.systemUTC())) {
      switch (args[0]) {
        case "crash" -> crash(storage, Integer.parseInt(args[2]));
        case "cas" -> inThreads(Integer.parseInt(args[3]), t -> increment(storage, args[2], Integer.parseInt(args[4])));
        case "append" -> {
          int first = Integer.parseInt(args[3]);
          int batches = Integer.parseInt(args[5]);
          inThreads(Integer.parseInt(args[4]), t -> appendBatches(storage, args[2], first + t, batches));
        }
        case "batch" -> {
          int first = Integer.parseInt(args[3]);
          int batches = Integer.parseInt(args[5]);
          inThreads(Integer.parseInt(args[4]), t -> writeBatches(storage, args[2], first + t, batches));
        }
        case "half" -> {
          try {
            storage.write(HALF_BATCH);
            throw new IllegalStateException("the batch was written whole: its second write was not blocked");
          } catch (StorageException expected) {
            System.out.println("half");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE); // killed here, the journal holding what the files lack
          }
        }
        default -> throw new IllegalArgumentException("unknown mode " + args[0]);
      }
    }
    System.out.println("done");
    System.out.flush();
  }

  /**
   * The batch of mode {@code half}: a run's index record, a record under {@code blocked/}, a series frame, the
   * run's record and a second frame of the series, in that order.
   */
  static final WriteBatch HALF_BATCH = WriteBatch.builder()
      .compareAndSet("runs/a/index", 0, "index".getBytes(UTF_8))
      .compareAndSet("blocked/run", 0, "blocked".getBytes(UTF_8))
      .append("points/a", List.of("p1".getBytes(UTF_8), "p2".getBytes(UTF_8)))
      .compareAndSet("runs/a/run", 0, "run".getBytes(UTF_8))
      .append("points/a", List.of("p3".getBytes(UTF_8)))
      .build();

  /** The bytes of blob {@code i} of a round; the test recomputes them to check what it reads. */
  static byte[] blobContent(int round, int i) {
    Random r = new Random(round * 1_000_003L + i);
    byte[] b = new byte[r.nextInt(3) == 0 ? r.nextInt(10) : r.nextInt(400_000)];
    r.nextBytes(b);
    return b;
  }

  private static void crash(Storage storage, int round) {
    PrintStream out = System.out;
    for (int i = 0; ; i++) {
      BlobInfo blob = storage.blobs().put(new ByteArrayInputStream(blobContent(round, i)));
      ack(out, "B " + blob.digest() + " " + blob.size() + " " + round + " " + i);

      String counter = "counters/c" + (i % 3);
      while (true) {
        Optional<StoredRecord> current = storage.records().get(counter);
        long version = current.map(StoredRecord::version).orElse(0L);
        long value = current.map(r -> Long.parseLong(new String(r.value(), UTF_8))).orElse(0L) + 1;
        // every other round goes through journaled batches: the counter and the new record in one
        if (i % 2 == 1) {
          String key = "keys/r" + round + "/k" + i;
          WriteBatch.Result r = storage.write(WriteBatch.builder()
              .compareAndSet(counter, version, String.valueOf(value).getBytes(UTF_8))
              .compareAndSet(key, 0, ("value " + round + " " + i).getBytes(UTF_8))
              .build());
          if (r.failure().isPresent()) {
            throw r.failure().get();
          }
          if (r.outcome(0) == WriteBatch.Outcome.WRITTEN) {
            ack(out, "C " + counter + " " + value);
          }
          if (r.outcome(1) == WriteBatch.Outcome.WRITTEN) {
            ack(out, "K " + key + " value " + round + " " + i);
          }
          if (r.outcome(0) == WriteBatch.Outcome.WRITTEN) {
            break;
          }
        } else if (storage.records().compareAndSet(counter, version, String.valueOf(value).getBytes(UTF_8))) {
          ack(out, "C " + counter + " " + value);
          break;
        }
      }

      String key = "keys/r" + round + "/k" + i;
      if (i % 2 == 0 && storage.records().create(key, ("value " + round + " " + i).getBytes(UTF_8))) {
        ack(out, "K " + key + " value " + round + " " + i);
      }

      String series = "series/s" + (i % 2);
      List<byte[]> batch = new ArrayList<>();
      int size = 1 + i % 4;
      for (int k = 0; k < size; k++) {
        // every fifth batch is large, so a kill can land inside its write and leave a torn tail
        String padding = i % 5 == 4 && k == 0 ? ":" + "p".repeat(3 << 20) : "";
        batch.add((round + ":" + i + ":" + k + ":" + size + padding).getBytes(UTF_8));
      }
      if (i % 2 == 1) {
        WriteBatch.Result r = storage.write(WriteBatch.builder().append(series, batch).build());
        if (r.failure().isPresent()) {
          throw r.failure().get();
        }
      } else {
        storage.series().append(series, batch);
      }
      ack(out, "S " + series + " " + round + ":" + i + ":" + size);
    }
  }

  private static void ack(PrintStream out, String line) {
    out.println(line + " .");
    out.flush();
  }

  private static void increment(Storage storage, String key, int times) {
    for (int done = 0; done < times; ) {
      Optional<StoredRecord> current = storage.records().get(key);
      long version = current.map(StoredRecord::version).orElse(0L);
      long value = current.map(r -> Long.parseLong(new String(r.value(), UTF_8))).orElse(0L) + 1;
      if (storage.records().compareAndSet(key, version, String.valueOf(value).getBytes(UTF_8))) {
        done++;
      }
    }
  }

  private static void appendBatches(Storage storage, String key, int writer, int batches) {
    for (int b = 0; b < batches; b++) {
      List<byte[]> entries = new ArrayList<>();
      for (int i = 0; i < 1 + (b % 5); i++) {
        entries.add((writer + ":" + b + ":" + i).getBytes(UTF_8));
      }
      storage.series().append(key, entries);
    }
  }

  /**
   * Per round, one batch increments {@code <key>/counter} (retrying while its version differs) and creates
   * a record of the writer's own, then one batch appends a numbered batch to {@code <key>/series}.
   */
  private static void writeBatches(Storage storage, String key, int writer, int batches) {
    for (int b = 0; b < batches; b++) {
      for (int attempt = 0; ; attempt++) {
        Optional<StoredRecord> current = storage.records().get(key + "/counter");
        long version = current.map(StoredRecord::version).orElse(0L);
        long value = current.map(r -> Long.parseLong(new String(r.value(), UTF_8))).orElse(0L) + 1;
        WriteBatch.Result result = storage.write(WriteBatch.builder()
            .compareAndSet(key + "/counter", version, String.valueOf(value).getBytes(UTF_8))
            .compareAndSet(key + "/own/" + writer + "/" + b + "/" + attempt, 0, new byte[] {1})
            .build());
        if (result.failure().isPresent()) {
          throw result.failure().get();
        }
        if (result.outcome(0) == WriteBatch.Outcome.WRITTEN) {
          break;
        }
      }
      List<byte[]> entries = new ArrayList<>();
      for (int i = 0; i < 1 + (b % 5); i++) {
        entries.add((writer + ":" + b + ":" + i).getBytes(UTF_8));
      }
      WriteBatch.Result appended = storage.write(WriteBatch.builder().append(key + "/series", entries).build());
      if (appended.failure().isPresent()) {
        throw appended.failure().get();
      }
    }
  }

  private interface Work {
    void run(int thread) throws Exception;
  }

  private static void inThreads(int threads, Work work) throws Exception {
    List<Thread> all = new ArrayList<>();
    List<Throwable> failures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread thread = new Thread(() -> {
        try {
          work.run(id);
        } catch (Throwable e) {
          synchronized (failures) {
            failures.add(e);
          }
        }
      });
      all.add(thread);
      thread.start();
    }
    for (Thread t : all) {
      t.join();
    }
    if (!failures.isEmpty()) {
      Exception e = new Exception(failures.size() + " worker thread(s) failed", failures.get(0));
      throw e;
    }
  }
}
