package dev.mlops.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a child process's standard output on a background thread and hands back the complete lines:
 * a line the child was killed in the middle of writing is dropped. Thread-safe: the text is guarded by
 * this object.
 */
public final class OutputCollector {
  /** Guarded by {@code this}. */
  private final StringBuilder text = new StringBuilder();
  private final Thread reader;

  private OutputCollector(InputStream in) {
    reader = new Thread(() -> {
      byte[] buf = new byte[8192];
      try (in) {
        int n;
        while ((n = in.read(buf)) > 0) {
          synchronized (this) {
            text.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            notifyAll();
          }
        }
      } catch (IOException e) {
        // the pipe broke because the child was killed: what was read so far stands
      }
      synchronized (this) {
        notifyAll();
      }
    }, "child-output");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts collecting a process's standard output.
   *
   * @param process the child
   * @return the collector
   */
  public static OutputCollector of(Process process) {
    return new OutputCollector(process.getInputStream());
  }

  /**
   * Waits until the child has printed at least some complete lines or its output ends.
   *
   * @param lines how many lines to wait for
   * @param timeoutMillis the longest wait
   * @return true if that many lines arrived
   * @throws InterruptedException if interrupted
   */
  public synchronized boolean awaitLines(int lines, long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (completeLines().size() < lines && reader.isAlive()) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        return false;
      }
      wait(left);
    }
    return completeLines().size() >= lines;
  }

  /**
   * Waits for the end of the output (call after the process ended) and returns its complete lines.
   *
   * @return every line that ended with a line break
   * @throws InterruptedException if interrupted
   */
  public List<String> finish() throws InterruptedException {
    reader.join(30_000);
    synchronized (this) {
      return completeLines();
    }
  }

  private List<String> completeLines() {
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", start)) {
      lines.add(text.substring(start, i));
      start = i + 1;
    }
    return lines;
  }
}
