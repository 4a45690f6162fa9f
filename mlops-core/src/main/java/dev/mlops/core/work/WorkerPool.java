package dev.mlops.core.work;

import dev.mlops.core.MlopsException;
import dev.mlops.core.StorageException;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
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
 * Worker threads that help a calling thread through a job: the caller runs the job's tasks itself and up to
 * {@code parallelism() - 1} workers join it.
 *
 * <p>Because the caller always takes part, a job makes progress even when every worker is busy with other
 * jobs, and a task may start a nested job on the same pool without any risk of deadlock. Tasks should be
 * coarse (a directory listing, a batch of rows, a sweep trial): the queue is cheap next to such work, not
 * next to a single row. A task may add further tasks to its job. The first failure stops the job: tasks
 * not yet started are dropped, {@link #run} waits until no worker is inside one of its tasks, then throws.
 *
 * <p>Four kinds of pool:
 * <ul>
 *   <li>{@link #shared()}: the process-wide default, one daemon thread per core named
 *       {@code mlops-worker-N}, started on first use; idle threads end after 30 seconds, so a process that
 *       stops using mlops keeps no threads. {@link #close()} does nothing to it.</li>
 *   <li>{@link #sharedIo()}: the process-wide pool for work that mostly waits on the disk (durable puts,
 *       fsyncs): {@link #IO_PARALLELISM} daemon threads named {@code mlops-io-N}, started and ended like
 *       the shared pool's.</li>
 *   <li>{@link #create(String, int)}: a pool of its own, for a component that must not share; closing it
 *       stops its threads once they finish their current tasks.</li>
 *   <li>{@link #using(Executor, int)}: the caller's executor (as Caffeine's {@code executor(Executor)});
 *       mlops only submits work to it and never shuts it down.</li>
 * </ul>
 *
 * <p>Thread-safe: any number of threads may run jobs at once; the workers serve them in turn.
 */
public final class WorkerPool implements AutoCloseable {
  private static final long IDLE_SECONDS = 30;

  /**
   * The parallelism of {@link #sharedIo()}: four per core, at least 8. A durable put spends most of its
   * time waiting for fsync, so more puts in flight than cores keep the disk busy (see
   * {@code docs/performance.md} for the measurement behind the factor).
   */
  public static final int IO_PARALLELISM = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());

  /** Created on first use by {@link #shared()}; its threads are daemons that end when idle. */
  private static final class Shared {
    static final WorkerPool POOL = new WorkerPool(
        newExecutor("mlops-worker", Runtime.getRuntime().availableProcessors()),
        Runtime.getRuntime().availableProcessors(), false);
  }

  /** Created on first use by {@link #sharedIo()}. */
  private static final class SharedIo {
    static final WorkerPool POOL = new WorkerPool(newExecutor("mlops-io", IO_PARALLELISM), IO_PARALLELISM, false);
  }

  private final @Nullable Executor executor;
  private final int helpers;
  /** Whether {@link #close()} shuts {@link #executor} down. */
  private final boolean owned;

  private WorkerPool(@Nullable Executor executor, int parallelism, boolean owned) {
    this.executor = executor;
    this.helpers = executor == null ? 0 : parallelism - 1;
    this.owned = owned;
  }

  /**
   * Returns the process-wide default pool: one daemon thread per core, named {@code mlops-worker-N},
   * started when first needed and ended after 30 idle seconds.
   *
   * @return the shared pool; closing it has no effect
   */
  public static WorkerPool shared() {
    return Shared.POOL;
  }

  /**
   * Returns the process-wide pool for work that mostly waits on the disk: {@link #IO_PARALLELISM} daemon
   * threads named {@code mlops-io-N}, started when first needed and ended after 30 idle seconds. Artifact
   * publishing runs on it unless the store was given other workers, and the file backend runs its
   * background flushes and the hashing of large puts on it (doing them on the caller when no thread is free).
   *
   * @return the shared I/O pool; closing it has no effect
   */
  public static WorkerPool sharedIo() {
    return SharedIo.POOL;
  }

  /**
   * Creates a pool with threads of its own, started when first needed. {@link #close()} stops them.
   *
   * @param name the threads' name prefix; threads are named {@code name-1}, {@code name-2}, ...
   * @param parallelism how many threads a job runs on, the caller included; 1 runs every job on its caller
   *     alone and starts no thread
   * @return the pool
   * @throws IllegalArgumentException if {@code parallelism} is less than 1
   */
  public static WorkerPool create(String name, int parallelism) {
    Objects.requireNonNull(name, "name");
    checkParallelism(parallelism);
    return new WorkerPool(parallelism == 1 ? null : newExecutor(name, parallelism - 1), parallelism, true);
  }

  /**
   * Runs jobs on an executor the caller owns and shuts down. mlops only submits tasks to it; a task it
   * rejects is done by the job's caller instead.
   *
   * @param executor the executor
   * @param parallelism how many threads a job may run on, the caller included
   * @return the pool; closing it leaves the executor alone
   * @throws IllegalArgumentException if {@code parallelism} is less than 1
   */
  public static WorkerPool using(Executor executor, int parallelism) {
    Objects.requireNonNull(executor, "executor");
    checkParallelism(parallelism);
    return new WorkerPool(executor, parallelism, false);
  }

  private static void checkParallelism(int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
    }
  }

  private static ThreadPoolExecutor newExecutor(String name, int threads) {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory factory = r -> {
      Thread t = new Thread(r, name + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, IDLE_SECONDS, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), factory);
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /**
   * Returns the number of threads one job may run on, the calling thread included.
   *
   * @return at least 1
   */
  public int parallelism() {
    return helpers + 1;
  }

  /**
   * Returns the executor behind this pool, for work that is not a job (for example a background flush).
   * Work handed to it directly gets none of the caller-runs guarantee of {@link #run}: never block inside
   * it waiting for other work on the same pool.
   *
   * @return the executor; for a pool of parallelism 1 without threads, one that runs work on its caller
   */
  public Executor executor() {
    return executor != null ? executor : Runnable::run;
  }

  /** A unit of a job's work; it may add more tasks to the job. */
  @FunctionalInterface
  public interface Task {
    /**
     * Does the work.
     *
     * @param job the job, to add further tasks to
     * @throws Exception any failure, which stops the job
     */
    void run(Job job) throws Exception;
  }

  /**
   * Runs a job to its end on the calling thread and up to {@code parallelism() - 1} workers.
   *
   * @param first the task that starts the job
   * @param what what the job does, for error messages ("hashing /data")
   * @throws MlopsException the first failure of a task, as thrown
   * @throws StorageException for any other failure, or if the caller is interrupted (its interrupt flag
   *     is set again)
   * @throws Error the first {@link Error} a task threw
   */
  public void run(Task first, String what) {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(what, "what");
    Job job = new Job();
    job.add(first);
    job.work(what);
  }

  /** The tasks of one {@link #run} call, their count and their first failure. Thread-safe. */
  public final class Job {
    private final ConcurrentLinkedQueue<Task> queue = new ConcurrentLinkedQueue<>();
    /** Tasks queued or running. */
    private final AtomicInteger pending = new AtomicInteger();
    /** Workers currently drawn to this job. */
    private final AtomicInteger helping = new AtomicInteger();
    private final AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
    private final Thread caller = Thread.currentThread();
    private volatile boolean callerWaiting;

    private Job() {}

    /**
     * Adds a task; a worker joins if fewer than all of them work on this job.
     *
     * @param task the task
     */
    public void add(Task task) {
      Objects.requireNonNull(task, "task");
      pending.incrementAndGet();
      queue.add(task);
      recruit();
      if (callerWaiting) {
        LockSupport.unpark(caller);
      }
    }

    /** @return true once a task of this job has failed; long tasks may check it to stop early */
    public boolean failed() {
      return failure.get() != null;
    }

    private void recruit() {
      Executor exec = executor;
      if (exec == null) {
        return;
      }
      for (int h = helping.get(); h < helpers; h = helping.get()) {
        if (helping.compareAndSet(h, h + 1)) {
          try {
            exec.execute(this::help);
          } catch (RejectedExecutionException e) {
            helping.decrementAndGet(); // closed or saturated: the caller does the work
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
        recruit(); // a task was added after this worker's last look
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

  /**
   * Stops the threads of a pool made by {@link #create} once they finish their current tasks; later jobs
   * run on their callers. Does nothing for {@link #shared()} and {@link #using} pools.
   */
  @Override
  public void close() {
    if (owned && executor instanceof ThreadPoolExecutor) {
      ((ThreadPoolExecutor) executor).shutdown();
    }
  }

  @Override
  public String toString() {
    return "WorkerPool{parallelism=" + parallelism() + (owned ? ", owned" : "") + "}";
  }
}
