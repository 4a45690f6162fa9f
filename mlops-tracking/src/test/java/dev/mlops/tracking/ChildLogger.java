package dev.mlops.tracking;

import dev.mlops.core.MlopsStore;
import dev.mlops.core.storage.FileStorage;
import dev.mlops.core.testing.ChildJvm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The program the crash and concurrency tests run in child JVMs.
 *
 * <p>{@code crash <dir>}: logs metric points forever, flushing every 1,000 and printing {@code ACK n} after
 * each acknowledged flush (n = points logged so far), until it is killed.
 * {@code concurrent <dir> <jvm>}: four threads each log 5,000 points to their own run of experiment
 * {@code shared}, values encoding (jvm, thread, step), then close their runs and exit.
 * {@code runs <dir> <threads>}: threads create small runs of experiment {@code runs} (start, 2 params, 2
 * metrics, 1 tag, finish) forever, printing {@code CLOSED <id> <n>} when a run's {@code finish()} returned.
 */
public final class ChildLogger {
  private ChildLogger() {}

  /** What every small run logs, so the parent can check a closed run in full. */
  static void logSmallRun(Run run, long n) {
    run.logParam("lr", 0.1);
    run.logParam("n", n);
    run.logMetric("acc", n / 1000.0, 1);
    run.logMetric("loss", -n, 2);
    run.setTag("team", "t" + (n % 7));
  }

  private static void createRunsUntilKilled(Tracker tracker, int threads) {
    java.util.concurrent.atomic.AtomicLong next = new java.util.concurrent.atomic.AtomicLong();
    for (int t = 0; t < threads; t++) {
      Thread worker = new Thread(() -> {
        while (true) {
          long n = next.getAndIncrement();
          try (Run run = tracker.startRun("runs", "small-" + n)) {
            logSmallRun(run, n);
            run.finish();
            synchronized (System.out) {
              System.out.println("CLOSED " + run.id() + " " + n);
              System.out.flush();
            }
          }
        }
      });
      worker.start();
    }
  }

  /**
   * Runs a mode.
   *
   * @param args the mode and its arguments
   * @throws Exception on failure (the test sees a non-zero exit)
   */
  public static void main(String[] args) throws Exception {
    ChildJvm.endWithParent();
    MlopsStore store = MlopsStore.open(FileStorage.open(Path.of(args[1])));
    Tracker tracker = Tracker.on(store);
    if (args[0].equals("crash")) {
      Run run = tracker.startRun("crash", "victim");
      System.out.println("RUN " + run.id());
      System.out.flush();
      long n = 0;
      while (true) {
        for (int i = 0; i < 1000; i++, n++) {
          run.logMetric("m", n, n);
          run.logMetric("n", -n, n);
        }
        run.flush();
        System.out.println("ACK " + n);
        System.out.flush();
      }
    }
    if (args[0].equals("runs")) {
      createRunsUntilKilled(tracker, Integer.parseInt(args[2]));
      return;
    }
    int jvm = Integer.parseInt(args[2]);
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (int t = 0; t < 4; t++) {
      int thread = t;
      threads.add(new Thread(() -> {
        try (Run run = tracker.startRun("shared", "jvm" + jvm + "-t" + thread)) {
          run.logParam("owner", jvm + "-" + thread);
          for (int step = 0; step < 5000; step++) {
            run.logMetric("m", jvm * 1_000_000.0 + thread * 10_000.0 + step, step);
            if (step % 1000 == 999) {
              run.flush();
            }
          }
          run.finish();
        } catch (Throwable e) {
          failures.add(e);
        }
      }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    tracker.close();
    store.close();
    if (!failures.isEmpty()) {
      failures.get(0).printStackTrace();
      System.exit(3);
    }
    System.out.println("DONE");
  }
}
