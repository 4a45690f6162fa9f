package dev.mlops.tracking.internal.store;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Optional;

/**
 * The process that owns a running run: host name, pid and the process's start time (which tells a reused
 * pid from the original). Immutable.
 *
 * @param host the host name
 * @param pid the process id
 * @param processStart the process start time in epoch milliseconds, or 0 if the JVM cannot tell
 */
public record ProcessOwner(String host, long pid, long processStart) {
  private static final ProcessOwner CURRENT = detect();

  /** @return the current process */
  public static ProcessOwner current() {
    return CURRENT;
  }

  private static ProcessOwner detect() {
    ProcessHandle self = ProcessHandle.current();
    return new ProcessOwner(hostName(), self.pid(),
        self.info().startInstant().map(Instant::toEpochMilli).orElse(0L));
  }

  private static String hostName() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      return "unknown-host";
    }
  }

  /**
   * Tells whether this owner is known to be dead: it ran on this host and no process with its pid and
   * start time exists any more. Owners on other hosts are never known dead here (their lease decides).
   *
   * @return true if the owner process is gone
   */
  public boolean isKnownDead() {
    if (!host.equals(CURRENT.host)) {
      return false;
    }
    if (pid == CURRENT.pid && processStart == CURRENT.processStart) {
      return false;
    }
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    if (handle.isEmpty() || !handle.get().isAlive()) {
      return true;
    }
    long start = handle.get().info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    return processStart != 0 && start != 0 && Math.abs(start - processStart) > 1000;
  }
}
