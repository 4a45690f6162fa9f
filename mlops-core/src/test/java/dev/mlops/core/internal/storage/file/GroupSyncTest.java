package dev.mlops.core.internal.storage.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Group commit of directory syncs: every caller returns only after a sync that started after its change
 * completed; concurrent callers share syncs; a lone caller syncs at once; a failed sync covers nobody.
 */
class GroupSyncTest {
  private static final Path DIR = Path.of("group-sync-test-dir");

  @Test
  void aLoneCallerSyncsAtOnceAndExactlyOnce() throws IOException {
    AtomicInteger syncs = new AtomicInteger();
    GroupSync.sync(DIR.resolve("lone"), d -> syncs.incrementAndGet());
    assertThat(syncs).hasValue(1);
    GroupSync.sync(DIR.resolve("lone"), d -> syncs.incrementAndGet());
    assertThat(syncs).hasValue(2);
  }

  @Test
  void concurrentCallersShareSyncsAndEachIsCoveredByOneThatStartedAfterItsChange() throws Exception {
    Path dir = DIR.resolve("shared");
    AtomicLong changes = new AtomicLong();
    // the change count each completed sync saw when it started
    ConcurrentLinkedQueue<Long> completed = new ConcurrentLinkedQueue<>();
    AtomicInteger syncs = new AtomicInteger();
    GroupSync.Syncer slow = d -> {
      long seen = changes.get();
      syncs.incrementAndGet();
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        throw new IOException(e);
      }
      completed.add(seen);
    };
    int threads = 16;
    int rounds = 20;
    List<Throwable> errors = new ArrayList<>();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> all = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      all.add(new Thread(() -> {
        try {
          start.await();
          for (int r = 0; r < rounds; r++) {
            long mine = changes.incrementAndGet();
            GroupSync.sync(dir, slow);
            long best = completed.stream().mapToLong(Long::longValue).max().orElse(0);
            if (best < mine) {
              throw new AssertionError("returned before a sync covering change " + mine + " (best " + best + ")");
            }
          }
        } catch (Throwable e) {
          synchronized (errors) {
            errors.add(e);
          }
        }
      }));
    }
    all.forEach(Thread::start);
    start.countDown();
    for (Thread t : all) {
      t.join();
    }
    assertThat(errors).isEmpty();
    assertThat(syncs.get()).as("syncs shared by %d calls", threads * rounds).isLessThan(threads * rounds / 2);
  }

  @Test
  void aFailedSyncCoversNobodyAndTheNextCallerSyncsAgain() throws IOException {
    Path dir = DIR.resolve("failing");
    AtomicInteger syncs = new AtomicInteger();
    assertThatThrownBy(() -> GroupSync.sync(dir, d -> {
      syncs.incrementAndGet();
      throw new IOException("disk full");
    })).isInstanceOf(IOException.class).hasMessage("disk full");
    GroupSync.sync(dir, d -> syncs.incrementAndGet());
    assertThat(syncs).hasValue(2);
  }
}
