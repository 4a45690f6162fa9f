package dev.mlops.core.internal.fingerprint;

import dev.mlops.core.MlopsException;
import dev.mlops.core.internal.content.DirectoryHasher;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lists the jars on the class path with their versions and content digests, keyed by file name so that
 * the listing does not depend on where the jars are installed. Class directories are left out (they
 * are the program's own code, which a fingerprint records through its code component), and so are
 * entries that do not exist. A manifest-only jar (as test runners and launchers use, often with a
 * generated name) is replaced by the jars of its {@code Class-Path}. Stateless and thread-safe.
 */
public final class ClasspathJars {
  private static final Pattern VERSION_IN_NAME = Pattern.compile("-(\\d[^/]*)\\.jar$");

  private ClasspathJars() {}

  /**
   * Describes the jars of a class path.
   *
   * @param classPath the class path, entries separated by {@link File#pathSeparator}
   * @return file name to {@code {"digest": ..., "version": ...}}, sorted by name
   */
  public static Map<String, Map<String, String>> describe(String classPath) {
    Map<String, Map<String, String>> jars = new TreeMap<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        add(Path.of(entry), jars, 0);
      }
    }
    return jars;
  }

  private static void add(Path jar, Map<String, Map<String, String>> jars, int depth) {
    String name = jar.getFileName() == null ? "" : jar.getFileName().toString();
    if (!name.endsWith(".jar") || !Files.isRegularFile(jar) || jars.containsKey(name)) {
      return;
    }
    Map<String, String> info = new LinkedHashMap<>();
    try {
      info.put("digest", DirectoryHasher.shared().hashFile(jar.toRealPath()).digest().toString());
    } catch (IOException | MlopsException e) {
      info.put("digest", "unreadable");
    }
    String version = "unknown";
    boolean manifestOnly = false;
    try (JarFile file = new JarFile(jar.toFile())) {
      manifestOnly = file.stream().allMatch(e -> e.getName().startsWith("META-INF/"));
      Manifest manifest = file.getManifest();
      if (manifest != null) {
        Attributes main = manifest.getMainAttributes();
        String declared = main.getValue(Attributes.Name.IMPLEMENTATION_VERSION);
        if (declared == null) {
          declared = main.getValue("Bundle-Version");
        }
        if (declared != null) {
          version = declared;
        }
        String classPath = main.getValue(Attributes.Name.CLASS_PATH);
        if (classPath != null && depth == 0) {
          for (String ref : classPath.trim().split("\\s+")) {
            addReference(jar, ref, jars);
          }
        }
      }
    } catch (IOException e) {
      version = "unreadable";
    }
    if (version.equals("unknown")) {
      Matcher m = VERSION_IN_NAME.matcher(name);
      if (m.find()) {
        version = m.group(1);
      }
    }
    info.put("version", version);
    if (!manifestOnly) {
      jars.put(name, info);
    }
  }

  private static void addReference(Path jar, String ref, Map<String, Map<String, String>> jars) {
    try {
      Path target = ref.startsWith("file:")
          ? Path.of(java.net.URI.create(ref))
          : jar.toAbsolutePath().getParent().resolve(ref);
      add(target, jars, 1);
    } catch (IllegalArgumentException e) {
      // A malformed reference names nothing the JVM can load either.
    }
  }

  /**
   * Reads this library's version from the Maven metadata packed into its jar.
   *
   * @return the version, or {@code "development"} when running from class directories
   */
  public static String libraryVersion() {
    String declared = ClasspathJars.class.getPackage().getImplementationVersion();
    if (declared != null) {
      return declared;
    }
    try (InputStream in = ClasspathJars.class.getResourceAsStream(
        "/META-INF/maven/dev.mlops/mlops-core/pom.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        return p.getProperty("version", "development");
      }
    } catch (IOException e) {
      return "development";
    }
    return "development";
  }
}
