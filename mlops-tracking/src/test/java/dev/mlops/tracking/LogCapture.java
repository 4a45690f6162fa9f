package dev.mlops.tracking;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Captures what the tests' logger (slf4j-simple, which prints to standard error) prints during an action. */
public final class LogCapture {
  private LogCapture() {}

  /**
   * Runs an action and returns what it logged.
   *
   * @param action the action
   * @return the text printed to standard error meanwhile
   */
  public static String stderrOf(Runnable action) {
    PrintStream old = System.err;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(old);
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }
}
