package dev.mlops.core.internal.storage.file;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Group commit of directory fsyncs: threads that need the same directory's entries made durable share one
 * fsync instead of queueing for one each.
 *
 * <p>A caller takes a ticket after its change to the directory (a rename, a creation, a deletion). If no
 * sync of that directory is in progress, it syncs at once (a lone caller never waits for a timer or for
 * company); otherwise it waits for the sync in progress to end, because that one may have started before
 * its change, and then either finds its ticket covered by a sync that started after it was taken, or leads
 * the next sync itself, which covers every ticket taken until it starts. A failed sync covers nobody: each
 * waiter tries again as a leader and gets its own error. Thread-safe: each directory's counters are guarded
 * by its {@link Group}'s monitor; idle groups are dropped from the map.
 */
final class GroupSync {
  /** The directories with a sync in progress or callers waiting. */
  private static final ConcurrentHashMap<Path, Group> GROUPS = new ConcurrentHashMap<>();

  private GroupSync() {}

  /** What syncs a directory; a parameter so tests can count syncs. */
  @FunctionalInterface
  interface Syncer {
    void sync(Path dir) throws IOException;
  }

  /** The counters of one directory; every field is guarded by the instance's monitor. */
  private static final class Group {
    /** Tickets handed out so far. */
    long taken;
    /** Every ticket up to this one is covered by a completed sync. */
    long covered;
    /** Whether a sync is in progress. */
    boolean syncing;
  }

  /**
   * Returns when a sync of {@code dir} that started after this call has completed.
   *
   * @param dir the directory
   * @param syncer what syncs it
   * @throws IOException if the sync this caller led failed
   */
  static void sync(Path dir, Syncer syncer) throws IOException {
    Group g = GROUPS.computeIfAbsent(dir, d -> new Group());
    long ticket;
    long target;
    synchronized (g) {
      ticket = ++g.taken;
      boolean interrupted = false;
      while (g.syncing && g.covered < ticket) {
        try {
          g.wait();
        } catch (InterruptedException e) {
          interrupted = true; // the sync must still happen; keep waiting and restore the flag after
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      if (g.covered >= ticket) {
        return;
      }
      g.syncing = true;
      target = g.taken;
    }
    boolean ok = false;
    try {
      syncer.sync(dir);
      ok = true;
    } finally {
      synchronized (g) {
        g.syncing = false;
        if (ok) {
          g.covered = Math.max(g.covered, target);
        }
        g.notifyAll();
        if (g.covered == g.taken) {
          GROUPS.remove(dir, g); // idle; a caller holding it still syncs correctly on its own
        }
      }
    }
  }
}
