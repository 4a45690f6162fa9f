package dev.mlops.core.internal.content;

import dev.mlops.core.MlopsException;
import dev.mlops.core.StorageException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * A fixed set of daemon threads that help a calling thread work through a job: the caller runs tasks
 * itself and up to {@code helpers} threads join it, so a job uses {@code helpers + 1} threads and never
 * waits for a pool that another job keeps busy (the caller alone always makes progress).
 *
 * <p>Tasks are coarse (a directory listing, a batch of files), so the queue costs nothing next to their
 * work. A task may add further tasks to its job. The first failure stops the job: tasks not yet started
 * are dropped, {@link #run} waits until no helper is inside one of its tasks and then throws.
 *
 * <p>Thread-safe: any number of threads may run jobs at once; the helpers serve them in turn.
 */
final class HelperThreads implements AutoCloseable {
  private final int helpers;
  private final @Nullable ThreadPoolExecutor executor;

  /**
   * Starts the helper threads lazily, as daemons named after {@code name}.
   *
   * @param name the thread name prefix
   * @param helpers how many threads help each caller, at least 0
   * @throws IllegalArgumentException if {@code helpers} is negative
   */
  HelperThreads(String name, int helpers) {
    if (helpers < 0) {
      throw new IllegalArgumentException("helpers must not be negative: " + helpers);
    }
    this.helpers = helpers;
    if (helpers == 0) {
      this.executor = null;
    } else {
      AtomicInteger count = new AtomicInteger();
      ThreadFactory factory = r -> {
        Thread t = new Thread(r, name + "-" + count.incrementAndGet());
        t.setDaemon(true);
        return t;
      };
      this.executor = new ThreadPoolExecutor(helpers, helpers, 30, TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(), factory);
      this.executor.allowCoreThreadTimeOut(true);
    }
  }

  /** The total number of threads a job runs on: the helpers and the caller. */
  int parallelism() {
    return helpers + 1;
  }

  /** A unit of a job's work; it may add more tasks to the job. */
  @FunctionalInterface
  interface Task {
    /**
     * Does the work.
     *
     * @param job the job, to add further tasks to
     * @throws Exception any failure, which stops the job
     */
    void run(Job job) throws Exception;
  }

  /**
   * Runs a job to its end on the calling thread and the helpers.
   *
   * @param first the task that starts the job
   * @param what what the job does, for error messages
   * @throws MlopsException the first failure of a task, as thrown
   * @throws StorageException for any other failure, or if the caller is interrupted (its interrupt flag
   *     is set again)
   */
  void run(Task first, String what) {
    Job job = new Job();
    job.add(first);
    job.work(what);
  }

  /** The tasks of one {@link #run} call, their count and their first failure. */
  final class Job {
    private final ConcurrentLinkedQueue<Task> queue = new ConcurrentLinkedQueue<>();
    /** Tasks queued or running. */
    private final AtomicInteger pending = new AtomicInteger();
    /** Helpers currently drawn to this job. */
    private final AtomicInteger helping = new AtomicInteger();
    private final AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
    private final Thread caller = Thread.currentThread();
    private volatile boolean callerWaiting;

    /**
     * Adds a task; a helper joins if fewer than all of them work on this job.
     *
     * @param task the task
     */
    void add(Task task) {
      pending.incrementAndGet();
      queue.add(task);
      recruit();
      if (callerWaiting) {
        LockSupport.unpark(caller);
      }
    }

    private void recruit() {
      if (executor == null) {
        return;
      }
      for (int h = helping.get(); h < helpers; h = helping.get()) {
        if (helping.compareAndSet(h, h + 1)) {
          try {
            executor.execute(this::help);
          } catch (RejectedExecutionException e) {
            helping.decrementAndGet(); // closed: the caller does the work alone
          }
          return;
        }
      }
    }

    private void help() {
      try {
        drain();
      } finally {
        helping.decrementAndGet();
      }
      if (!queue.isEmpty()) {
        recruit(); // a task was added after this helper's last look
      }
    }

    private void drain() {
      for (Task task = queue.poll(); task != null; task = queue.poll()) {
        try {
          if (failure.get() == null) {
            task.run(this);
          }
        } catch (Throwable e) {
          if (!failure.compareAndSet(null, e)) {
            Throwable first = failure.get();
            if (first != null && first != e) {
              first.addSuppressed(e);
            }
          }
        } finally {
          if (pending.decrementAndGet() == 0 && callerWaiting) {
            LockSupport.unpark(caller);
          }
        }
      }
    }

    /** The caller's part: run tasks until none is queued or running, then report the first failure. */
    private void work(String what) {
      boolean interrupted = false;
      while (true) {
        drain();
        if (pending.get() == 0) {
          break;
        }
        callerWaiting = true;
        if (queue.isEmpty() && pending.get() != 0) {
          LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(10));
        }
        callerWaiting = false;
        if (Thread.interrupted() && !interrupted) {
          interrupted = true;
          failure.compareAndSet(null, new InterruptedException("interrupted"));
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      Throwable e = failure.get();
      if (e == null) {
        return;
      }
      if (e instanceof MlopsException) {
        throw (MlopsException) e;
      }
      if (e instanceof Error) {
        throw (Error) e;
      }
      throw new StorageException(e instanceof InterruptedException ? "interrupted while " + what
          : what + " failed: " + e, e);
    }
  }

  /** Stops the helper threads once they finish their current tasks; later jobs run on their callers. */
  @Override
  public void close() {
    if (executor != null) {
      executor.shutdown();
    }
  }
}
