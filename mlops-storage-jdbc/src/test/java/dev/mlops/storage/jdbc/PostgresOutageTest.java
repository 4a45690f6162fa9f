package dev.mlops.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.StorageException;
import dev.mlops.core.spi.Storage;
import dev.mlops.core.spi.StorageLocation;
import dev.mlops.core.spi.StoredRecord;
import dev.mlops.core.testing.ChildJvm;
import dev.mlops.storage.jdbc.testing.DatabaseWorkerMain;
import dev.mlops.testservers.PostgresServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL crashes ({@code pg_ctl stop -m immediate}) while writers run and is started again: writers
 * get a clear {@link StorageException} during the outage within the documented bound (option
 * {@code timeout}, here 2 s, for a connection; closed sockets fail at once), recover on their own, and
 * no acknowledged write is lost. The writers are four threads of this JVM and one more JVM
 * ({@link DatabaseWorkerMain}'s {@code outage} mode), whose pool must recover on its own as well.
 */
class PostgresOutageTest {
  private static final int WRITERS = 4;
  /** The writer in the child JVM, after the in-process ones. */
  private static final int CHILD = WRITERS;
  /** Far above the 2 s timeout: a call that takes longer than this is a hang, not a slow machine. */
  private static final Duration HANG = Duration.ofSeconds(60);

  /** What one writer saw. Guarded by being written by its thread and read after it stopped. */
  private static final class Writer {
    final AtomicLong ackedCounter = new AtomicLong();
    final List<Integer> ackedBatches = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger successes = new AtomicInteger();
    final AtomicInteger failures = new AtomicInteger();
    /** Each failure's exception class and message. */
    final List<String[]> errors = Collections.synchronizedList(new ArrayList<>());
    final AtomicLong slowestFailureNanos = new AtomicLong();
  }

  @TempDir Path dir;

  @Test
  void writersFailClearlyDuringAnOutageAndRecoverWithNothingLost() throws Exception {
    try (PostgresServer server = PostgresServer.start(true)) {
      String uri = server.uri("outage", "&timeout=PT2S");
      List<Writer> writers = new ArrayList<>();
      AtomicBoolean stop = new AtomicBoolean();
      ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
      Process child = null;
      try (Storage storage = new PostgresStorageProvider().open(StorageLocation.parse(uri))) {
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < WRITERS; t++) {
          Writer w = new Writer();
          writers.add(w);
          String key = "writer/" + t;
          storage.records().create(key, "0".getBytes(StandardCharsets.UTF_8));
          running.add(pool.submit(() -> write(storage, key, w, stop)));
        }
        Writer childWriter = new Writer();
        writers.add(childWriter);
        storage.records().create("writer/" + CHILD, "0".getBytes(StandardCharsets.UTF_8));
        child = ChildJvm.start(DatabaseWorkerMain.class, dir, dir.resolve("child.err"), "outage", uri,
            "writer/" + CHILD);
        Process started = child;
        Future<?> childReader = pool.submit(() -> follow(started, childWriter));
        awaitEach(writers, w -> w.successes.get() >= 5, "writers to start");
        server.stopImmediately();
        awaitEach(writers, w -> w.failures.get() >= 2, "writers to notice the outage");
        int[] before = writers.stream().mapToInt(w -> w.successes.get()).toArray();
        server.restart();
        for (int t = 0; t <= CHILD; t++) {
          int base = before[t];
          Writer w = writers.get(t);
          await(() -> w.successes.get() >= base + 5, "writer " + t + " to recover");
        }
        stop.set(true);
        for (Future<?> f : running) {
          f.get(HANG.toSeconds(), TimeUnit.SECONDS);
        }
        child.getOutputStream().close();
        assertThat(child.waitFor(HANG.toSeconds(), TimeUnit.SECONDS)).as("the child writer stops").isTrue();
        assertThat(child.exitValue()).as(ChildJvm.errors(dir.resolve("child.err"))).isZero();
        childReader.get(HANG.toSeconds(), TimeUnit.SECONDS);

        for (int t = 0; t <= CHILD; t++) {
          Writer w = writers.get(t);
          assertThat(w.errors).as("writer %d saw the outage", t).isNotEmpty();
          for (String[] e : w.errors) {
            assertThat(StorageException.class.isAssignableFrom(Class.forName(e[0])))
                .as("every failure is a StorageException, not %s: %s", e[0], e[1]).isTrue();
            assertThat(e[1]).contains("postgresql://127.0.0.1:" + server.port())
                .doesNotContain(PostgresServer.PASSWORD);
          }
          assertThat(Duration.ofNanos(w.slowestFailureNanos.get())).as("no call hangs").isLessThan(HANG);
          String key = "writer/" + t;
          StoredRecord r = storage.records().get(key).orElseThrow();
          assertThat(Long.parseLong(new String(r.value(), StandardCharsets.UTF_8)))
              .as("acknowledged increments of %s", key).isGreaterThanOrEqualTo(w.ackedCounter.get());
          List<String> entries = new ArrayList<>();
          for (byte[] e : storage.series().readAll(key)) {
            entries.add(new String(e, StandardCharsets.UTF_8));
          }
          for (int b : w.ackedBatches) {
            assertThat(entries).as("acknowledged batch %d of %s", b, key).contains(b + ":0", b + ":1");
          }
          assertThat(entries).doesNotHaveDuplicates();
          assertThat(entries.size() % 2).as("whole batches only").isZero();
        }
      } finally {
        stop.set(true);
        if (child != null) {
          child.destroyForcibly();
        }
        pool.shutdownNow();
      }
    }
  }

  private static void write(Storage storage, String key, Writer w, AtomicBoolean stop) {
    for (int batch = 0; !stop.get(); ) {
      long start = System.nanoTime();
      try {
        StoredRecord r = storage.records().get(key).orElseThrow();
        long next = Long.parseLong(new String(r.value(), StandardCharsets.UTF_8)) + 1;
        if (storage.records().compareAndSet(key, r.version(), String.valueOf(next).getBytes(StandardCharsets.UTF_8))) {
          w.ackedCounter.set(next);
        }
        storage.series().append(key, List.of((batch + ":0").getBytes(StandardCharsets.UTF_8),
            (batch + ":1").getBytes(StandardCharsets.UTF_8)));
        w.ackedBatches.add(batch);
        w.successes.incrementAndGet();
      } catch (RuntimeException e) {
        w.errors.add(new String[] {e.getClass().getName(), String.valueOf(e.getMessage())});
        w.failures.incrementAndGet();
        w.slowestFailureNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
        sleep(50);
      }
      batch++;
    }
  }

  /** Reads the child writer's reports ({@code ok ...} and {@code failed ...} lines) until it exits. */
  private static void follow(Process child, Writer w) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] f = line.split("\t", 4);
        if (f[0].equals("ok")) {
          if (!f[1].equals("-")) {
            w.ackedCounter.set(Long.parseLong(f[1]));
          }
          w.ackedBatches.add(Integer.parseInt(f[2]));
          w.successes.incrementAndGet();
        } else {
          w.errors.add(new String[] {f[1], f[3]});
          w.failures.incrementAndGet();
          w.slowestFailureNanos.accumulateAndGet(Long.parseLong(f[2]), Math::max);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void awaitEach(List<Writer> writers, java.util.function.Predicate<Writer> condition, String what) {
    await(() -> writers.stream().allMatch(condition), what);
  }

  private static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      sleep(20);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
