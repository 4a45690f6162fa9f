package dev.mlops.core.internal.storage.file;

import dev.mlops.core.StorageException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Mutual exclusion per key across the threads of this process and across processes: a fixed set of
 * stripes, each a JVM lock plus an OS file lock on {@code locks/stripe-NN.lock}.
 *
 * <p>A writer waits for a stripe up to the timeout (polling the OS lock with a short back-off) and only
 * then fails. One instance exists per store directory in a JVM (see {@link #forRoot}), because POSIX
 * drops a process's file locks when any of its descriptors for the file is closed: two independent
 * instances on one directory would release each other's locks. Thread-safe; the stripes' channels are
 * guarded by the class monitor while the reference count changes.
 */
final class StripedFileLocks {
  static final int STRIPES = 64;

  /** Guarded by the class monitor. */
  private static final Map<Path, StripedFileLocks> SHARED = new HashMap<>();

  private final Path lockDir;
  private final ReentrantLock[] jvmLocks = new ReentrantLock[STRIPES];
  private final FileChannel[] channels = new FileChannel[STRIPES];
  /** Guarded by the class monitor. */
  private int references;

  private StripedFileLocks(Path lockDir) throws IOException {
    this.lockDir = lockDir;
    for (int i = 0; i < STRIPES; i++) {
      jvmLocks[i] = new ReentrantLock();
      channels[i] = FileChannel.open(lockDir.resolve(String.format("stripe-%02d.lock", i)),
          StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }
  }

  /** Returns the shared lock set of a store directory, opening it on first use. */
  static synchronized StripedFileLocks forRoot(Path lockDir) throws IOException {
    Path key = lockDir.toRealPath();
    StripedFileLocks locks = SHARED.get(key);
    if (locks == null) {
      locks = new StripedFileLocks(key);
      SHARED.put(key, locks);
    }
    locks.references++;
    return locks;
  }

  /** Drops one reference; the last one closes the lock files. */
  void release() {
    synchronized (StripedFileLocks.class) {
      if (--references > 0) {
        return;
      }
      SHARED.remove(lockDir);
      for (FileChannel ch : channels) {
        try {
          ch.close();
        } catch (IOException ignored) {
          // closing a lock file cannot lose data
        }
      }
    }
  }

  static int stripeOf(String key) {
    return Math.floorMod(key.hashCode(), STRIPES);
  }

  /** A held stripe; closing it releases the OS lock, then the JVM lock. */
  interface Held extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Locks the stripe of a key.
   *
   * @throws StorageException if the lock could not be had within the timeout
   */
  Held lock(String key, Duration timeout, String purpose) {
    return lock(stripeOf(key), key, timeout, purpose);
  }

  private Held lock(int stripe, String key, Duration timeout, String purpose) {
    long deadline = System.nanoTime() + timeout.toNanos();
    ReentrantLock jvm = jvmLocks[stripe];
    try {
      if (!jvm.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        throw timedOut(key, timeout, purpose);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted while waiting for the lock of '" + key + "' to " + purpose, e);
    }
    try {
      FileLock os = acquireOsLock(channels[stripe], deadline, key, timeout, purpose);
      return () -> {
        try {
          os.release();
        } catch (IOException e) {
          throw new StorageException("releasing the file lock of '" + key + "' failed", e);
        } finally {
          jvm.unlock();
        }
      };
    } catch (RuntimeException e) {
      jvm.unlock();
      throw e;
    }
  }

  /**
   * Locks several stripes in ascending order (every caller that holds more than one stripe takes them in
   * that order, so two of them never wait for each other); closing the result releases them all.
   *
   * @param stripes distinct stripe numbers in ascending order
   * @param what what the lock is for, for the error
   * @throws StorageException if a stripe could not be had within the timeout; none is then held
   */
  Held lockStripes(int[] stripes, Duration timeout, String what) {
    Held[] held = new Held[stripes.length];
    int n = 0;
    try {
      for (int stripe : stripes) {
        held[n++] = lockStripe(stripe, timeout, what);
      }
    } catch (RuntimeException e) {
      release(held, n - 1);
      throw e;
    }
    int count = n;
    return () -> release(held, count);
  }

  private static void release(Held[] held, int count) {
    RuntimeException failure = null;
    for (int i = count - 1; i >= 0; i--) {
      try {
        if (held[i] != null) {
          held[i].close();
        }
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * Takes and releases every stripe in turn: when it returns, every writer that held a stripe when the call
   * began has released it.
   *
   * @throws StorageException if a stripe could not be had within the timeout
   */
  void barrier(Duration timeout, String what) {
    for (int i = 0; i < STRIPES; i++) {
      lockStripe(i, timeout, what).close();
    }
  }

  private Held lockStripe(int stripe, Duration timeout, String what) {
    return lock(stripe, "stripe " + stripe, timeout, what);
  }

  private FileLock acquireOsLock(FileChannel ch, long deadline, String key, Duration timeout, String purpose) {
    long backoffNanos = 20_000;
    while (true) {
      try {
        FileLock lock = ch.tryLock();
        if (lock != null) {
          return lock;
        }
      } catch (OverlappingFileLockException e) {
        // another store instance of this JVM on the same directory holds it: wait like for a process
      } catch (IOException e) {
        throw new StorageException("locking " + lockDir + " for '" + key + "' failed: " + e, e);
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw timedOut(key, timeout, purpose);
      }
      LockSupport.parkNanos(Math.min(backoffNanos, left));
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
        throw new StorageException("interrupted while waiting for the lock of '" + key + "' to " + purpose);
      }
      backoffNanos = Math.min(backoffNanos * 2, 2_000_000);
    }
  }

  private StorageException timedOut(String key, Duration timeout, String purpose) {
    return new StorageException("timed out after " + timeout.toMillis() + " ms waiting for the lock of '" + key
        + "' to " + purpose + " in " + lockDir.getParent()
        + "; another thread or process holds it (raise the store option lockTimeout if writers are slow)");
  }
}
