package dev.mlops.testservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A real S3 server for tests: S3Proxy with its file-system backend, on 127.0.0.1 at a free port, in this
 * JVM but in a class loader of its own (its jar brings its own AWS SDK, Jetty and Jackson, which must not
 * meet ours). The jar is the one the build copies to {@code target/s3proxy/s3proxy.jar}; the system
 * property {@code mlops.s3proxy.jar} names it.
 *
 * <p>Buckets are directories under a temporary directory, deleted by {@link #close()}. Authentication is
 * off: the server accepts any credentials, and the client still signs with those of the default chain.
 */
public final class S3ProxyServer implements AutoCloseable {
  /** Guarded by the class: the server of {@link #shared()}, started on first use. */
  private static S3ProxyServer shared;

  private final URLClassLoader loader;
  private final Object proxy;
  private final Path dir;
  private final int port;

  private S3ProxyServer(URLClassLoader loader, Object proxy, Path dir, int port) {
    this.loader = loader;
    this.proxy = proxy;
    this.dir = dir;
    this.port = port;
  }

  /**
   * Starts a server with the given buckets.
   *
   * @param buckets bucket names to create
   * @return the running server
   */
  public static S3ProxyServer start(String... buckets) {
    Path jar = jar();
    // clients find these through the AWS SDK's default credential chain; S3Proxy accepts any
    if (System.getProperty("aws.accessKeyId") == null && System.getenv("AWS_ACCESS_KEY_ID") == null) {
      System.setProperty("aws.accessKeyId", "mlops-test-access-key");
      System.setProperty("aws.secretAccessKey", "mlops-test-secret-key");
    }
    Path dir;
    try {
      dir = Files.createTempDirectory("s3proxy");
      for (String b : buckets) {
        Files.createDirectories(dir.resolve(b));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    URLClassLoader loader;
    try {
      loader = new URLClassLoader("s3proxy", new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      Properties props = new Properties();
      props.setProperty("jclouds.provider", "filesystem");
      props.setProperty("jclouds.identity", "");
      props.setProperty("jclouds.credential", "");
      props.setProperty("jclouds.filesystem.basedir", dir.toString());
      props.setProperty("s3proxy.endpoint", "http://127.0.0.1:0");
      props.setProperty("s3proxy.authorization", "none");
      Class<?> stores = loader.loadClass("org.gaul.s3proxy.BlobStores");
      Object blobStore = stores.getMethod("create", String.class, Properties.class).invoke(null, "filesystem", props);
      Class<?> builderType = loader.loadClass("org.gaul.s3proxy.S3Proxy$Builder");
      Object builder = builderType.getMethod("fromProperties", Properties.class).invoke(null, props);
      Method setStore = null;
      for (Method m : builderType.getMethods()) {
        if (m.getName().equals("blobStore") && m.getParameterCount() == 1) {
          setStore = m;
        }
      }
      builder = java.util.Objects.requireNonNull(setStore, "S3Proxy.Builder.blobStore").invoke(builder, blobStore);
      Object proxy = builderType.getMethod("build").invoke(builder);
      proxy.getClass().getMethod("start").invoke(proxy);
      int port = waitForPort(proxy);
      return new S3ProxyServer(loader, proxy, dir, port);
    } catch (ReflectiveOperationException e) {
      Throwable cause = e instanceof InvocationTargetException ? e.getCause() : e;
      throw new IllegalStateException("S3Proxy from " + jar + " did not start: " + cause, cause);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /**
   * Returns one server for the whole test JVM, started on first use with the bucket {@code mlops-test} and
   * stopped when the JVM exits: starting S3Proxy takes seconds, so test classes share it and keep apart by
   * key prefix.
   *
   * @return the shared server
   */
  public static synchronized S3ProxyServer shared() {
    if (shared == null) {
      S3ProxyServer server = start("mlops-test");
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "s3proxy-stop"));
      shared = server;
    }
    return shared;
  }

  private static int waitForPort(Object proxy) throws ReflectiveOperationException {
    Method state = proxy.getClass().getMethod("getState");
    for (int i = 0; i < 500 && !"STARTED".equals(state.invoke(proxy)); i++) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return (int) proxy.getClass().getMethod("getPort").invoke(proxy);
  }

  /**
   * Finds the S3Proxy jar a build copied: the system property {@code mlops.s3proxy.jar}, else
   * {@code target/s3proxy/s3proxy.jar} under the working directory or under a module directory in it (so
   * {@code java -jar mlops-benchmarks/target/benchmarks.jar} finds it from the repository root).
   */
  static Path jar() {
    String configured = System.getProperty("mlops.s3proxy.jar");
    List<Path> candidates = configured != null ? List.of(Paths.get(configured))
        : List.of(Paths.get("target/s3proxy/s3proxy.jar"), Paths.get("mlops-benchmarks/target/s3proxy/s3proxy.jar"),
            Paths.get("mlops-storage-s3/target/s3proxy/s3proxy.jar"));
    for (Path jar : candidates) {
      if (Files.isRegularFile(jar)) {
        return jar;
      }
    }
    throw new IllegalStateException("the S3Proxy jar is missing at " + candidates + " (from "
        + Paths.get("").toAbsolutePath() + "); the build's maven-dependency-plugin copies"
        + " org.gaul:s3proxy:jar-with-dependencies to target/s3proxy/s3proxy.jar");
  }

  /** @return the server's endpoint, such as {@code http://127.0.0.1:41234} */
  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** @return the server's port */
  public int port() {
    return port;
  }

  /** @return the directory that holds the buckets (one subdirectory each) */
  public Path directory() {
    return dir;
  }

  /**
   * A blob URI for a bucket and prefix on this server.
   *
   * @param bucketAndPrefix such as {@code models/team-a}
   * @return {@code s3://models/team-a?endpoint=...&region=us-east-1&pathStyle=true}
   */
  public String uri(String bucketAndPrefix) {
    return "s3://" + bucketAndPrefix + "?endpoint=" + endpoint() + "&region=us-east-1&pathStyle=true";
  }

  /** Stops the server and deletes its files. */
  @Override
  public void close() {
    try {
      proxy.getClass().getMethod("stop").invoke(proxy);
      loader.close();
    } catch (ReflectiveOperationException | IOException e) {
      throw new IllegalStateException("stopping S3Proxy failed: " + e, e);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // the temporary directory is under target/ and goes with mvn clean
      }
    }
  }
}
