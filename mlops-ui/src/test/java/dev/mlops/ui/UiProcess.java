package dev.mlops.ui;

import dev.mlops.core.testing.ChildJvm;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The UI as a user starts it: {@link MlopsUiMain} in a new JVM with the JVM's default options (no warm
 * heap, no compiled code, nothing loaded). {@link #startedMs()} is the time from launching the process to its
 * printing the address to open; the child halts when the test JVM is gone.
 *
 * <p>The child runs the module's runnable jar ({@code target/mlops-ui-<version>-all.jar}, the form a user
 * starts with {@code java -jar}) when a {@code package} built it after the last change to the main sources of
 * this module and those the jar holds; otherwise the test's class path, where this module's classes still name
 * the unrelocated Jackson, so that JVM loads and warms two copies of Jackson that no user's JVM holds. {@link #form()} says which ran.
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
   * The class path for the child: the runnable jar, then the two entries that hold this launcher and its
   * helper, when the jar is newer than the sources; else the test class path.
   *
   * @return the class path and what it runs
   */
  static Form form() {
    String testPath = System.getProperty("java.class.path");
    try (Stream<Path> jars = Files.list(Path.of("target"))) {
      Optional<Path> jar = jars.filter(f -> f.getFileName().toString().matches("mlops-ui-.*-all\\.jar")).findFirst();
      if (jar.isPresent() && modified(jar.get()) >= newestSource()) {
        // only the jar and the two entries that hold the launcher: a class or resource the jar lacks (a probe
        // for an optional library, a service lookup) would otherwise open each of the test's ~85 jars
        return new Form(String.join(File.pathSeparator, jar.get().toAbsolutePath().toString(),
            codeSource(UiProcess.class), codeSource(ChildJvm.class)),
            "the runnable jar " + jar.get().getFileName() + ", as java -jar runs it");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Form(testPath, "the test class path (no runnable jar newer than the sources: run package"
        + " first; here the UI's classes name the unrelocated Jackson, so two copies load and warm)");
  }

  /** @return the newest modification time of the main sources of this module and the modules its jar holds */
  private static long newestSource() throws IOException {
    long newest = 0;
    for (String module : List.of(".", "../mlops-core", "../mlops-tracking", "../mlops-validation")) {
      Path main = Path.of(module, "src", "main");
      if (Files.isDirectory(main)) {
        try (Stream<Path> files = Files.walk(main)) {
          newest = Math.max(newest, files.filter(Files::isRegularFile).mapToLong(UiProcess::modified).max().orElse(0));
        }
      }
    }
    return newest;
  }

  /**
   * What a child runs.
   *
   * @param classPath its class path
   * @param description the form, for the report
   */
  record Form(String classPath, String description) {}

  private static String codeSource(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
          form().classPath(), UiProcess.class.getName(), "--store", storeUri, "--port", "0"))
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
