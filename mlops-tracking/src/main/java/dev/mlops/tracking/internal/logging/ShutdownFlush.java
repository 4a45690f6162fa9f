package dev.mlops.tracking.internal.logging;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one JVM shutdown hook of the tracking module: at exit it flushes and stops every writer still open,
 * so points logged just before {@code System.exit} are not lost even if nobody closed the tracker or store.
 *
 * <p>The hook (a thread named {@code mlops-tracking-shutdown-flush}, started only by the JVM at exit) is
 * registered when the first writer opens and stays registered; writers leave the set when they close, so
 * it holds no closed writer. Thread-safe.
 */
final class ShutdownFlush {
  /** The writers open now. */
  private static final Set<AsyncLogWriter> OPEN = ConcurrentHashMap.newKeySet();

  /** Registers the hook on first use (class initialization runs once, so exactly one hook). */
  private static final class Hook {
    static {
      Runtime.getRuntime().addShutdownHook(new Thread(ShutdownFlush::flushAll, "mlops-tracking-shutdown-flush"));
    }

    static void ensureRegistered() {
      // initializing the class registered the hook
    }
  }

  private ShutdownFlush() {}

  static void register(AsyncLogWriter writer) {
    Hook.ensureRegistered();
    OPEN.add(writer);
  }

  static void unregister(AsyncLogWriter writer) {
    OPEN.remove(writer);
  }

  /** @return how many writers the hook would flush now */
  static int openWriters() {
    return OPEN.size();
  }

  private static void flushAll() {
    List<AsyncLogWriter> writers = new ArrayList<>(OPEN);
    for (AsyncLogWriter w : writers) {
      w.closeQuietly();
    }
  }
}
