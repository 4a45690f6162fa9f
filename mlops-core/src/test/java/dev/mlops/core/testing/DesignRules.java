package dev.mlops.core.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaPackage;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The design rules of every mlops module, defined once and checked by a one-line test in each module:
 *
 * <pre>{@code
 * class DesignRulesTest {
 *   @Test
 *   void followsTheDesignRules() {
 *     DesignRules.forModule(Tracker.class).check();
 *   }
 * }
 * }</pre>
 *
 * <p>The rules, on the module's main classes:
 * <ol>
 *   <li><b>No cycles between packages</b>: no cycle of class dependencies crosses a package boundary. A
 *       facade may call its implementation package and the implementation may use the facade package's
 *       values and exceptions, but no class may reach itself through a class of another package (as
 *       {@code Column -> ColumnFactory -> Column} did), so every package can be understood, tested and
 *       moved below the ones that use it.</li>
 *   <li><b>{@code internal} stays inside its module</b>: no class uses another module's {@code ..internal..}
 *       packages.</li>
 *   <li><b>Modules depend only downwards</b> ({@link #ALLOWED_MODULES}): core on no other module; tracking,
 *       validation and the storage backends on core only, so tracking and validation never depend on each
 *       other; the top floor (ui, micrometer, the applications) on any of them.</li>
 *   <li><b>No third-party type in a public signature</b>: public and protected members of public classes
 *       outside {@code internal} mention only JDK, JSpecify and mlops types (and no mlops {@code internal}
 *       type); a module whose purpose is a library's (mlops-micrometer) names it with
 *       {@link #allowingInSignatures}.</li>
 *   <li><b>The SPI depends on nothing but the core API</b> (mlops-core only): a backend implements it
 *       without pulling the library's implementation.</li>
 *   <li><b>Every package has a {@code package-info}</b> (for its Javadoc and {@code @NullMarked}).</li>
 * </ol>
 *
 * <p>A known cycle that is being removed may be allowed explicitly with {@link #allowingCycle}, which names
 * its packages and says why; an allowance that no longer matches a cycle fails, so it is deleted with the
 * fix. Not thread-safe; use one instance per test.
 */
public final class DesignRules {
  /**
   * Which other mlops modules (by root package) each module may depend on; a module not listed may depend
   * on every module. This is the floor plan of {@code DESIGN.md}.
   */
  public static final Map<String, Set<String>> ALLOWED_MODULES = allowedModules();

  /** Packages every public signature may mention. */
  private static final List<String> ALWAYS_IN_SIGNATURES = List.of("java.", "org.jspecify.", "dev.mlops.");

  private final String root;
  private final Class<?> anchor;
  private final List<String> signaturePackages = new ArrayList<>(ALWAYS_IN_SIGNATURES);
  /** Allowed cycles, each keyed by its sorted packages joined by " <-> ", with the reason. */
  private final Map<String, String> allowedCycles = new LinkedHashMap<>();

  private DesignRules(Class<?> anchor) {
    this.anchor = anchor;
    this.root = moduleOf(anchor.getPackageName());
  }

  private static Map<String, Set<String>> allowedModules() {
    Map<String, Set<String>> m = new LinkedHashMap<>();
    m.put("dev.mlops.core", Set.of());
    m.put("dev.mlops.tracking", Set.of("dev.mlops.core"));
    m.put("dev.mlops.validation", Set.of("dev.mlops.core"));
    m.put("dev.mlops.storage.*", Set.of("dev.mlops.core"));
    return Map.copyOf(m);
  }

  /**
   * Starts the rules for the module that holds a class: its main classes are those in the class's
   * classpath entry (its {@code target/classes}), its root package the class's module package
   * ({@code dev.mlops.tracking} for {@code dev.mlops.tracking.sweep.Sweep}).
   *
   * @param anchor any main class of the module
   * @return the rules
   */
  public static DesignRules forModule(Class<?> anchor) {
    return new DesignRules(Objects.requireNonNull(anchor, "anchor"));
  }

  /**
   * Lets public signatures mention a third-party package (for a module that exists to bind that library).
   *
   * @param packagePrefix such as {@code io.micrometer.}
   * @return this
   */
  public DesignRules allowingInSignatures(String packagePrefix) {
    signaturePackages.add(Objects.requireNonNull(packagePrefix, "packagePrefix"));
    return this;
  }

  /**
   * Allows the class cycles that span exactly these packages while they are being removed. Delete the call
   * with the fix: an allowance that matches no cycle fails the check.
   *
   * @param reason why the cycle is still there and who removes it
   * @param packages the packages the cycle spans, two or more
   * @return this
   */
  public DesignRules allowingCycle(String reason, String... packages) {
    allowedCycles.put(key(new TreeSet<>(List.of(packages))), Objects.requireNonNull(reason, "reason"));
    return this;
  }

  /**
   * Imports the module's main classes from the classpath and checks every rule.
   *
   * @throws AssertionError listing every violation
   */
  public void check() {
    java.net.URL location = anchor.getProtectionDomain().getCodeSource().getLocation();
    JavaClasses classes;
    try {
      // a multi-release jar's classes for later Java versions (META-INF/versions/N) and the libraries relocated
      // beside them are checked on the JDK they need (mlops-it), not here
      classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .withImportOption(where -> !where.contains("/META-INF/versions/"))
          .importPath(java.nio.file.Path.of(location.toURI()));
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException("cannot read the classes of " + anchor + " at " + location, e);
    }
    check(classes);
  }

  /**
   * Checks every rule on given classes (for tests of the rules themselves).
   *
   * @param classes the module's classes
   * @throws AssertionError listing every violation
   */
  public void check(JavaClasses classes) {
    if (classes.stream().noneMatch(c -> c.getPackageName().startsWith(root))) {
      throw new AssertionError("no class of " + root + " was found");
    }
    List<String> failures = new ArrayList<>();
    for (ArchRule rule : rules()) {
      EvaluationResult result = rule.allowEmptyShould(true).evaluate(classes);
      if (result.hasViolation()) {
        failures.add(result.getFailureReport().toString());
      }
    }
    failures.addAll(packageCycles(classes));
    failures.addAll(missingPackageInfos(classes));
    if (!failures.isEmpty()) {
      throw new AssertionError("design rules of " + root + " broken:\n" + String.join("\n", failures));
    }
  }

  private List<ArchRule> rules() {
    List<ArchRule> rules = new ArrayList<>();
    String module = moduleOf(root);
    rules.add(noClasses().that().resideInAPackage(root + "..")
        .should().dependOnClassesThat(new DescribedPredicate<>("are in another module's internal packages") {
          @Override
          public boolean test(JavaClass c) {
            String p = c.getPackageName();
            return p.startsWith("dev.mlops.") && isInternal(p) && !moduleOf(p).equals(module);
          }
        }).because("internal packages carry no compatibility promise outside their module"));
    Set<String> allowed = ALLOWED_MODULES.get(module.startsWith("dev.mlops.storage.") ? "dev.mlops.storage.*" : module);
    if (allowed != null) {
      rules.add(noClasses().that().resideInAPackage(root + "..")
          .should().dependOnClassesThat(new DescribedPredicate<>("are in a module " + module + " may not use"
              + " (allowed: " + (allowed.isEmpty() ? "none" : String.join(", ", allowed)) + ")") {
            @Override
            public boolean test(JavaClass c) {
              String p = c.getPackageName();
              if (!p.startsWith("dev.mlops.")) {
                return false;
              }
              String target = moduleOf(p);
              return !target.equals(module) && !allowed.contains(target);
            }
          }).because("modules depend only downwards: tracking and validation never on each other"));
    }
    rules.add(codeUnits().that(areApi()).should(exposeOnly(DesignRules::signatureTypes)));
    rules.add(fields().that(areApi()).should(exposeOnly(f -> List.of(((JavaField) f).getType()))));
    rules.add(classes().that().arePublic().and(areOutsideInternal())
        .should(new ArchCondition<JavaClass>("extend or implement only JDK, JSpecify and non-internal mlops types") {
          @Override
          public void check(JavaClass c, ConditionEvents events) {
            List<JavaType> supertypes = new ArrayList<>(c.getInterfaces());
            c.getSuperclass().ifPresent(supertypes::add);
            report(c.getFullName(), supertypes, events);
          }
        }));
    if (module.equals("dev.mlops.core")) {
      rules.add(classes().that().resideInAPackage("dev.mlops.core.spi..")
          .should().onlyDependOnClassesThat().resideInAnyPackage("dev.mlops.core", "dev.mlops.core.spi..",
              "dev.mlops.core.hash..", "java..", "org.jspecify..", "org.slf4j..")
          .because("a backend implements the SPI without pulling the library's implementation (the provider"
              + " loader logs skipped providers through the SLF4J API, which every module already has)"));
    }
    return rules;
  }

  /**
   * The module a package belongs to: {@code dev.mlops.<name>}, {@code dev.mlops.storage.<name>} for a
   * backend, or {@code dev.mlops} itself (the examples).
   */
  static String moduleOf(String pkg) {
    String[] parts = pkg.split("\\.");
    if (parts.length < 3) {
      return pkg;
    }
    String module = parts[0] + "." + parts[1] + "." + parts[2];
    return module.equals("dev.mlops.storage") && parts.length > 3 ? module + "." + parts[3] : module;
  }

  private static boolean isInternal(String pkg) {
    return pkg.endsWith(".internal") || pkg.contains(".internal.");
  }

  /** Class cycles that cross packages: strongly connected groups of top-level classes in several packages. */
  private List<String> packageCycles(JavaClasses classes) {
    Map<String, Set<String>> graph = new TreeMap<>();
    Map<String, String> example = new TreeMap<>();
    for (JavaClass c : classes) {
      graph.computeIfAbsent(topLevel(c), k -> new TreeSet<>());
    }
    for (JavaClass c : classes) {
      String from = topLevel(c);
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        String to = topLevel(d.getTargetClass());
        if (!to.equals(from) && graph.containsKey(to)) {
          graph.get(from).add(to);
          example.putIfAbsent(from + " -> " + to, d.getDescription());
        }
      }
    }
    List<String> failures = new ArrayList<>();
    Set<String> seenAllowed = new LinkedHashSet<>();
    for (Set<String> component : new StronglyConnected(graph).components()) {
      Set<String> packages = new TreeSet<>();
      component.forEach(c -> packages.add(c.substring(0, c.lastIndexOf('.'))));
      if (packages.size() < 2) {
        continue;
      }
      String key = key(packages);
      if (allowedCycles.containsKey(key)) {
        seenAllowed.add(key);
        continue;
      }
      List<String> edges = new ArrayList<>();
      for (String a : component) {
        for (String b : graph.get(a)) {
          if (component.contains(b) && !a.substring(0, a.lastIndexOf('.')).equals(b.substring(0, b.lastIndexOf('.')))) {
            edges.add("  " + example.get(a + " -> " + b));
          }
        }
      }
      failures.add("classes " + component + " form a cycle across packages " + key + " (no cycles between"
          + " packages); the package-crossing edges:\n" + String.join("\n", edges));
    }
    for (Map.Entry<String, String> a : allowedCycles.entrySet()) {
      if (!seenAllowed.contains(a.getKey())) {
        failures.add("the allowed cycle " + a.getKey() + " (" + a.getValue() + ") no longer exists: delete the allowance");
      }
    }
    return failures;
  }

  private static String topLevel(JavaClass c) {
    String name = c.getName();
    int nested = name.indexOf('$');
    return nested < 0 ? name : name.substring(0, nested);
  }

  private static String key(Set<String> packages) {
    return String.join(" <-> ", packages);
  }

  private List<String> missingPackageInfos(JavaClasses classes) {
    List<String> failures = new ArrayList<>();
    Set<String> packages = new TreeSet<>();
    classes.stream().map(JavaClass::getPackageName).forEach(packages::add);
    for (String p : packages) {
      JavaPackage pkg = classes.getPackage(p);
      if (pkg.tryGetPackageInfo().isEmpty()) {
        failures.add("package " + p + " has no package-info.java (its Javadoc and @NullMarked live there)");
      }
    }
    return failures;
  }

  private static List<JavaType> signatureTypes(JavaMember member) {
    JavaCodeUnit unit = (JavaCodeUnit) member;
    List<JavaType> types = new ArrayList<>(unit.getParameterTypes());
    types.add(unit.getReturnType());
    types.addAll(unit.getExceptionTypes());
    return types;
  }

  private static DescribedPredicate<JavaClass> areOutsideInternal() {
    return new DescribedPredicate<>("are outside internal packages") {
      @Override
      public boolean test(JavaClass c) {
        return !isInternal(c.getPackageName());
      }
    };
  }

  private static <T extends JavaMember> DescribedPredicate<T> areApi() {
    return new DescribedPredicate<>("are public or protected members of public classes outside internal packages") {
      @Override
      public boolean test(T m) {
        Set<JavaModifier> mods = m.getModifiers();
        JavaClass owner = m.getOwner();
        return (mods.contains(JavaModifier.PUBLIC) || mods.contains(JavaModifier.PROTECTED))
            && owner.getModifiers().contains(JavaModifier.PUBLIC)
            && !isInternal(owner.getPackageName());
      }
    };
  }

  private <T extends JavaMember> ArchCondition<T> exposeOnly(Function<JavaMember, List<? extends JavaType>> types) {
    return new ArchCondition<>("expose only " + signaturePackages + " types, none of them internal") {
      @Override
      public void check(T member, ConditionEvents events) {
        report(member.getFullName(), types.apply(member), events);
      }
    };
  }

  private void report(String where, List<? extends JavaType> types, ConditionEvents events) {
    for (JavaType t : types) {
      for (JavaClass raw : t.getAllInvolvedRawTypes()) {
        String name = raw.getName();
        if (raw.isPrimitive() || (raw.isArray() && raw.getBaseComponentType().isPrimitive())) {
          continue;
        }
        String pkg = raw.isArray() ? raw.getBaseComponentType().getPackageName() : raw.getPackageName();
        boolean allowed = signaturePackages.stream().anyMatch(prefix -> (pkg + ".").startsWith(prefix));
        if (!allowed || (pkg.startsWith("dev.mlops.") && isInternal(pkg))) {
          events.add(SimpleConditionEvent.violated(where, where + " exposes " + name));
        }
      }
    }
  }

  /** Tarjan's strongly connected components of a small graph, in a deterministic order. */
  private static final class StronglyConnected {
    private final Map<String, Set<String>> graph;
    private final Map<String, Integer> index = new TreeMap<>();
    private final Map<String, Integer> low = new TreeMap<>();
    private final List<String> stack = new ArrayList<>();
    private final Set<String> onStack = new TreeSet<>();
    private final List<Set<String>> components = new ArrayList<>();

    StronglyConnected(Map<String, Set<String>> graph) {
      this.graph = graph;
    }

    List<Set<String>> components() {
      for (String v : graph.keySet()) {
        if (!index.containsKey(v)) {
          visit(v);
        }
      }
      return components;
    }

    private void visit(String v) {
      index.put(v, index.size());
      low.put(v, index.get(v));
      stack.add(v);
      onStack.add(v);
      for (String w : graph.getOrDefault(v, Set.of())) {
        if (!index.containsKey(w)) {
          visit(w);
          low.put(v, Math.min(low.get(v), low.get(w)));
        } else if (onStack.contains(w)) {
          low.put(v, Math.min(low.get(v), index.get(w)));
        }
      }
      if (low.get(v).equals(index.get(v))) {
        Set<String> component = new TreeSet<>();
        String w;
        do {
          w = stack.remove(stack.size() - 1);
          onStack.remove(w);
          component.add(w);
        } while (!w.equals(v));
        components.add(component);
      }
    }
  }
}
