package dev.mlops.ui;

import dev.mlops.core.testing.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The UI as a user starts it: {@link MlopsUiMain} in a new JVM with the JVM's default options (no warm
 * heap, no compiled code, nothing loaded), on the test's class path. {@link #startedMs()} is the time from
 * launching the process to its printing the address to open; the child halts when the test JVM is gone.
 */
final class UiProcess implements AutoCloseable {
  private static final Pattern URL = Pattern.compile("open (http://\\S+)");
  private final Process process;
  private final String url;
  private final double startedMs;

  private UiProcess(Process process, String url, double startedMs) {
    this.process = process;
    this.url = url;
    this.startedMs = startedMs;
  }

  /**
   * Starts the UI in a new JVM and waits until it prints its address.
   *
   * @param storeUri the store to show
   * @param stderr where the child's log goes
   * @return the running UI
   */
  static UiProcess start(String storeUri, Path stderr) {
    long t0 = System.nanoTime();
    Process p;
    try {
      p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
          System.getProperty("java.class.path"), UiProcess.class.getName(), "--store", storeUri, "--port", "0"))
          .redirectError(stderr.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        Matcher m = URL.matcher(line);
        if (m.find()) {
          return new UiProcess(p, m.group(1).replaceAll("/$", ""), (System.nanoTime() - t0) / 1e6);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    p.destroyForcibly();
    throw new AssertionError("the UI process ended without printing its address: " + ChildJvm.errors(stderr));
  }

  /** @return the address, without a trailing slash */
  String url() {
    return url;
  }

  /** @return milliseconds from launching the JVM to its printing the address */
  double startedMs() {
    return startedMs;
  }

  /** @return the CPU time the UI's JVM has used so far, all its threads (JIT and GC too), in milliseconds */
  double cpuMs() {
    return process.info().totalCpuDuration().map(d -> d.toNanos() / 1e6).orElse(Double.NaN);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The child's entry: halts with its parent, then runs the UI's command line.
   *
   * @param args {@link MlopsUiMain}'s options
   * @throws InterruptedException if interrupted while serving
   */
  public static void main(String[] args) throws InterruptedException {
    ChildJvm.endWithParent();
    MlopsUiMain.main(args);
  }
}
