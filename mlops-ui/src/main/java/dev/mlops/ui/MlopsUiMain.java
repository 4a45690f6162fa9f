package dev.mlops.ui;

import dev.mlops.core.MlopsException;
import dev.mlops.core.MlopsStore;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * The command line of the runnable jar:
 * {@code java -jar mlops-ui-<version>-all.jar --store file:./.mlops --port 5050 [--bind 127.0.0.1] [--token T]}.
 * It prints the address to open and serves until the process is stopped.
 */
public final class MlopsUiMain {
  private static final String USAGE = "usage: java -jar mlops-ui-<version>-all.jar [--store URI] [--port N]"
      + " [--bind ADDRESS] [--token TOKEN]\n"
      + "  --store  the store to show (default file:./.mlops)\n"
      + "  --port   the port (default 5050; 0 picks a free one)\n"
      + "  --bind   the address to listen on (default 127.0.0.1; any other requires a token)\n"
      + "  --token  the token to require (default: none on loopback, a random one elsewhere)";

  private MlopsUiMain() {}

  /**
   * Starts the UI and blocks until the JVM shuts down.
   *
   * @param args the options above
   * @throws InterruptedException if interrupted while serving
   */
  public static void main(String[] args) throws InterruptedException {
    String store = "file:./.mlops";
    MlopsUi.Builder options;
    String bind = null;
    String token = null;
    int port = 5050;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("-h") || a.equals("--help")) {
        System.out.println(USAGE);
        return;
      }
      if (i + 1 >= args.length) {
        fail("missing value after " + a);
        return;
      }
      String v = args[++i];
      switch (a) {
        case "--store" -> store = v;
        case "--port" -> {
          try {
            port = Integer.parseInt(v);
          } catch (NumberFormatException e) {
            fail("--port takes a number, got '" + v + "'");
            return;
          }
        }
        case "--bind" -> bind = v;
        case "--token" -> token = v;
        default -> {
          fail("unknown option " + a);
          return;
        }
      }
    }
    MlopsStore opened;
    MlopsUi ui;
    try {
      opened = MlopsStore.open(store);
      options = MlopsUi.builder(opened).port(port);
      if (bind != null) {
        options.bindAddress(bind);
      }
      if (token != null) {
        options.token(token);
      }
      ui = options.start();
    } catch (MlopsException e) {
      fail(e.getMessage());
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    MlopsStore s = opened;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      ui.close();
      s.close();
      stopped.countDown();
    }, "mlops-ui-shutdown"));
    System.out.println("mlops UI on " + s.describe() + ": open " + ui.url() + " (Ctrl-C stops it)");
    stopped.await();
  }

  private static void fail(String message) {
    PrintStream err = System.err;
    err.println("mlops-ui: " + message);
    err.println(USAGE);
    System.exit(2);
  }
}
