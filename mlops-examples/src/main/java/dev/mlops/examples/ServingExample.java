package dev.mlops.examples;

import dev.mlops.core.MlopsStore;
import dev.mlops.examples.server.ModelServer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Serves the champion model that {@link TrackingExample} promoted with the reference {@link ModelServer}: sends
 * a valid record and two invalid ones over HTTP, then prints the mlops lines of the Prometheus scrape.
 */
public final class ServingExample {
  private static final String ADELIE = "{\"Beak Length (mm)\":39.1,\"Beak Depth (mm)\":18.7,"
      + "\"Flipper Length (mm)\":181,\"Body Mass (g)\":3750,\"Island\":\"Torgersen\"}";

  private ServingExample() {}

  /**
   * Starts the server on a free loopback port, calls it, and stops it.
   *
   * @param store a store holding {@code penguins-softmax@champion}
   * @param out where the report goes
   */
  public static void run(MlopsStore store, PrintStream out) {
    HttpClient client = HttpClient.newHttpClient();
    try (ModelServer server = ModelServer.start(store, ModelServer.Options.defaults())) {
      out.printf("serving %s at %s%n", server.servedVersion().id(), server.url());
      for (String body : new String[] {ADELIE, ADELIE.replace("3750", "-5"),
          "{\"Beak Length (mm)\":39.1,\"Island\":\"Atlantis\"}"}) {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(server.url().resolve("predict"))
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        out.printf("POST /predict -> %d %s%n", r.statusCode(), r.body());
      }
      HttpResponse<String> scrape = client.send(HttpRequest.newBuilder(server.url().resolve("metrics")).build(),
          HttpResponse.BodyHandlers.ofString());
      out.println("GET /metrics (the mlops validation and serving counters):");
      scrape.body().lines().filter(l -> l.startsWith("mlops_validation") || l.startsWith("mlops_serving"))
          .forEach(l -> out.println("  " + l));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while calling the model server", e);
    }
  }
}
