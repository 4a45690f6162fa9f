package dev.mlops.ui.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * The UI's static files: our scripts and styles, and uPlot's, read once from the class path. Only the names
 * listed here are served, so no request path ever reaches the class loader.
 */
public final class WebAssets {
  private static final String OWN = "dev/mlops/ui/static/";
  private static final String UPLOT;

  static {
    Properties p = new Properties();
    try (InputStream in = WebAssets.class.getClassLoader().getResourceAsStream("dev/mlops/ui/assets.properties")) {
      if (in == null) {
        throw new IllegalStateException("dev/mlops/ui/assets.properties is missing from the mlops-ui jar");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    UPLOT = "META-INF/resources/webjars/uplot/" + p.getProperty("uplot.version") + "/dist/";
  }

  private static final Map<String, String> PATHS = Map.of(
      "uPlot.iife.min.js", UPLOT + "uPlot.iife.min.js",
      "uPlot.min.css", UPLOT + "uPlot.min.css",
      "mlops.css", OWN + "mlops.css",
      "render.js", OWN + "render.js",
      "ui.js", OWN + "ui.js",
      "report.js", OWN + "report.js",
      "page.html", OWN + "page.html",
      "report.html", OWN + "report.html");

  private static final Map<String, byte[]> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

  private WebAssets() {}

  /** Reads every asset into memory, so that the first page does not wait for the jar. */
  public static void loadAll() {
    PATHS.keySet().forEach(WebAssets::bytes);
  }

  /**
   * Returns an asset's bytes.
   *
   * @param name the asset's name, such as {@code render.js}
   * @return the bytes, or null if there is no such asset
   */
  public static byte @Nullable [] bytes(String name) {
    String path = PATHS.get(name);
    if (path == null) {
      return null;
    }
    return CACHE.computeIfAbsent(name, n -> {
      try (InputStream in = WebAssets.class.getClassLoader().getResourceAsStream(path)) {
        if (in == null) {
          throw new IllegalStateException(path + " is missing from the class path");
        }
        return in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /**
   * Returns a text asset.
   *
   * @param name the asset's name
   * @return its text
   */
  public static String text(String name) {
    byte[] b = bytes(name);
    if (b == null) {
      throw new IllegalArgumentException("no asset " + name);
    }
    return new String(b, StandardCharsets.UTF_8);
  }

  /**
   * Returns the content type of an asset.
   *
   * @param name the asset's name
   * @return the type with its charset
   */
  public static String contentType(String name) {
    if (name.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    }
    if (name.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    return "text/html; charset=utf-8";
  }
}
