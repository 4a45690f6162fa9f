package dev.mlops.core.internal.storage.file;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A background step of a blob put (a flush, the hashing of the chunks) handed to a shared pool, which
 * the putting thread runs itself when no pool thread has started it by the time the put needs it.
 *
 * <p>The pool is shared by every put of the process, and a put may itself run on one of its threads (a
 * directory publish), so a put that waited for a step queued behind other puts could wait forever. Whoever
 * claims the step first runs it: a pool thread when one is free, else the putting thread in {@link #join()}
 * or {@link #claim()}. Thread-safe.
 */
final class ForkedTask {
  /** The step's work. */
  @FunctionalInterface
  interface Step {
    void run() throws IOException;
  }

  private final Step step;
  private final AtomicBoolean claimed = new AtomicBoolean();
  private final CompletableFuture<Void> done = new CompletableFuture<>();

  private ForkedTask(Step step) {
    this.step = step;
  }

  /**
   * Hands a step to a pool; if the pool rejects it, the step waits for its caller.
   *
   * @param executor the pool
   * @param step the work
   * @return the step's handle
   */
  static ForkedTask fork(Executor executor, Step step) {
    ForkedTask task = new ForkedTask(step);
    try {
      executor.execute(() -> {
        if (task.claim()) {
          task.runClaimed();
        }
      });
    } catch (RejectedExecutionException e) {
      // a closed or saturated pool: the caller runs the step when it needs it
    }
    return task;
  }

  /**
   * Claims the step for the calling thread, which must then call {@link #runClaimed()}.
   *
   * @return true if nobody had claimed it
   */
  boolean claim() {
    return claimed.compareAndSet(false, true);
  }

  /** Runs the step on the calling thread, which claimed it, and records its outcome. */
  void runClaimed() {
    try {
      step.run();
      done.complete(null);
    } catch (IOException | RuntimeException | Error e) {
      done.completeExceptionally(e);
    }
  }

  /** @return true once the step ran to its end, successfully or not */
  boolean isDone() {
    return done.isDone();
  }

  /**
   * Waits for the step to end, running it on the calling thread if no pool thread has started it.
   * Uninterruptible: the step uses resources the caller is about to release; an interrupt stays set.
   *
   * @throws IOException the step's failure
   */
  void join() throws IOException {
    if (claim()) {
      runClaimed();
    }
    boolean interrupted = false;
    try {
      while (true) {
        try {
          done.get();
          return;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof IOException io) {
            throw io;
          }
          if (cause instanceof RuntimeException re) {
            throw re;
          }
          throw (Error) cause;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
