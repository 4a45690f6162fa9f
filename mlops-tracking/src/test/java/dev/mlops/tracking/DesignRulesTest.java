package dev.mlops.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module's design rules, checked on the compiled classes: every package has a package-info, and no
 * public signature outside {@code internal} exposes Jackson, Caffeine or Commons types.
 */
class DesignRulesTest {
  private static final List<String> FORBIDDEN = List.of("tools.jackson.", "com.fasterxml.", "com.github.benmanes.",
      "org.apache.commons.", "org.apache.datasketches.");

  private static Path classesRoot() throws URISyntaxException {
    return Path.of(Tracker.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static List<Class<?>> classes() throws Exception {
    Path root = classesRoot();
    List<Class<?>> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root.resolve("dev/mlops/tracking"))) {
      for (Path p : files.filter(f -> f.toString().endsWith(".class")).collect(Collectors.toList())) {
        String name = root.relativize(p).toString().replace('/', '.').replace(".class", "");
        if (!name.endsWith("package-info")) {
          out.add(Class.forName(name, false, DesignRulesTest.class.getClassLoader()));
        }
      }
    }
    return out;
  }

  @Test
  void everyPackageHasAPackageInfo() throws Exception {
    Path root = classesRoot();
    try (Stream<Path> dirs = Files.walk(root.resolve("dev/mlops/tracking"))) {
      List<Path> missing = dirs.filter(Files::isDirectory)
          .filter(d -> {
            try (Stream<Path> list = Files.list(d)) {
              return list.anyMatch(f -> f.toString().endsWith(".class"));
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          })
          .filter(d -> !Files.exists(d.resolve("package-info.class")))
          .collect(Collectors.toList());
      assertThat(missing).isEmpty();
    }
  }

  @Test
  void publicApiExposesNoImplementationLibrary() throws Exception {
    List<String> leaks = new ArrayList<>();
    List<Class<?>> all = classes();
    assertThat(all).hasSizeGreaterThan(30).contains(Tracker.class, Run.class);
    for (Class<?> c : all) {
      if (c.getPackageName().contains(".internal") || !Modifier.isPublic(c.getModifiers())) {
        continue;
      }
      for (Method m : c.getDeclaredMethods()) {
        if (Modifier.isPublic(m.getModifiers())) {
          check(leaks, c.getName() + "." + m.getName(), m.getGenericReturnType());
          for (Type t : m.getGenericParameterTypes()) {
            check(leaks, c.getName() + "." + m.getName(), t);
          }
        }
      }
      for (Constructor<?> k : c.getDeclaredConstructors()) {
        if (Modifier.isPublic(k.getModifiers())) {
          for (Type t : k.getGenericParameterTypes()) {
            check(leaks, c.getName() + ".<init>", t);
          }
        }
      }
    }
    assertThat(leaks).isEmpty();
  }

  private static void check(List<String> leaks, String where, Type type) {
    String name = type.getTypeName();
    for (String f : FORBIDDEN) {
      if (name.contains(f)) {
        leaks.add(where + " uses " + name);
      }
    }
  }
}
