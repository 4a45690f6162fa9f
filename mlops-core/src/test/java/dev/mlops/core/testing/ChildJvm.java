package dev.mlops.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a test's helper program in a child JVM with the test's own class path, for crash and
 * multi-process tests.
 */
public final class ChildJvm {
  private ChildJvm() {}

  /**
   * Starts a main class in a new JVM.
   *
   * @param main the class whose {@code main} runs
   * @param workingDirectory the child's working directory
   * @param stderr the file the child's standard error goes to (read it when the child fails)
   * @param args the program arguments
   * @return the running process; its standard output is a pipe to read
   */
  public static Process start(Class<?> main, Path workingDirectory, Path stderr, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx128m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Xshare:auto");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    try {
      return new ProcessBuilder(command).directory(workingDirectory.toFile())
          .redirectError(stderr.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Called first by a child program that writes until it is killed: a daemon thread halts the JVM when its
   * standard input (the pipe {@link #start} and {@code ProcessBuilder} give it) reaches its end, which happens
   * when the parent test JVM is gone. Without it, a child orphaned by a killed test run keeps writing into
   * the test's temporary store until the disk is full (it happened: 71 GB in /tmp).
   */
  public static void endWithParent() {
    Thread watcher = new Thread(() -> {
      try {
        while (System.in.read() >= 0) {
          // the parent never writes; any input is ignored
        }
      } catch (IOException e) {
        // a broken pipe means the same as its end
      }
      Runtime.getRuntime().halt(3);
    }, "end-with-parent");
    watcher.setDaemon(true);
    watcher.start();
  }

  /**
   * Reads what a child wrote to its standard error file, for failure messages.
   *
   * @param stderr the file given to {@link #start}
   * @return its content, or a note that it is missing
   */
  public static String errors(Path stderr) {
    try {
      return Files.exists(stderr) ? Files.readString(stderr) : "(no stderr file)";
    } catch (IOException e) {
      return "(stderr unreadable: " + e + ")";
    }
  }
}
