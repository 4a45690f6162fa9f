package dev.mlops.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.domain.PackageMatchers;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The design rules of mlops-core, enforced on its main classes: neither {@code internal} types nor
 * third-party implementation libraries appear in a public signature, and the SPI depends on nothing but
 * the core API.
 */
class CoreArchitectureTest {
  private static final String INTERNAL = "dev.mlops.core..internal..";
  /**
   * Types no public signature may mention: our own internal packages (public API classes delegate to
   * them, which is their purpose, but never hand them out) and the implementation libraries.
   */
  private static final PackageMatchers HIDDEN_LIBRARIES = PackageMatchers.of(INTERNAL, "tools.jackson..",
      "com.fasterxml.jackson..", "com.github.benmanes.caffeine..", "org.apache.commons.math3..",
      "org.apache.commons.statistics..", "org.apache.datasketches..");

  private static JavaClasses core;

  @BeforeAll
  static void importCore() {
    core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.mlops.core");
  }

  @Test
  void theSpiDependsOnNothingButTheCoreApi() {
    classes().that().resideInAPackage("dev.mlops.core.spi..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("dev.mlops.core", "dev.mlops.core.spi..",
            "dev.mlops.core.hash..", "java..", "org.jspecify..", "org.slf4j..")
        .because("a backend implements the SPI without pulling the library's implementation (the provider"
            + " loader logs skipped providers through the SLF4J API, which every module already has)")
        .check(core);
  }

  @Test
  void noHiddenLibraryAppearsInAPublicSignature() {
    for (ArchRule rule : signatureRules()) {
      rule.check(core);
    }
  }

  /** A public class that leaks Caffeine and Jackson, to prove the signature rules can fail. */
  public static class Leaky extends tools.jackson.databind.json.JsonMapper {
    private static final long serialVersionUID = 1L;

    /** A leaking field. */
    public com.github.benmanes.caffeine.cache.Cache<String, String> cache;

    /**
     * A leaking method.
     *
     * @param mapper leaks through a parameter
     * @return leaks through a type argument
     */
    public List<com.github.benmanes.caffeine.cache.Cache<String, String>> caches(
        tools.jackson.databind.ObjectMapper mapper) {
      return List.of();
    }
  }

  @Test
  void theSignatureRulesCatchALeak() {
    JavaClasses leaky = new ClassFileImporter().importClasses(Leaky.class);
    List<String> failures = new ArrayList<>();
    for (ArchRule rule : signatureRules()) {
      try {
        rule.allowEmptyShould(true).check(leaky);
      } catch (AssertionError e) {
        failures.add(e.getMessage());
      }
    }
    assertThat(failures).hasSize(3);
    assertThat(String.join("\n", failures)).contains("caches", "cache", "JsonMapper", "ObjectMapper");
  }

  private static List<ArchRule> signatureRules() {
    return List.of(
        codeUnits().that(areApi()).should(exposeNoHiddenLibrary(CoreArchitectureTest::signatureTypes)),
        fields().that(areApi()).should(exposeNoHiddenLibrary(f -> List.of(((JavaField) f).getType()))),
        classes().that().arePublic().and().resideOutsideOfPackage(INTERNAL)
            .should(new ArchCondition<JavaClass>("extend or implement no hidden library type") {
              @Override
              public void check(JavaClass c, ConditionEvents events) {
                List<JavaType> supertypes = new ArrayList<>(c.getInterfaces());
                c.getSuperclass().ifPresent(supertypes::add);
                report(c.getFullName(), supertypes, events);
              }
            }));
  }

  private static List<JavaType> signatureTypes(JavaMember member) {
    JavaCodeUnit unit = (JavaCodeUnit) member;
    List<JavaType> types = new ArrayList<>(unit.getParameterTypes());
    types.add(unit.getReturnType());
    types.addAll(unit.getExceptionTypes());
    return types;
  }

  private static <T extends JavaMember> DescribedPredicate<T> areApi() {
    return new DescribedPredicate<>("are public or protected members of public classes outside internal packages") {
      @Override
      public boolean test(T m) {
        Set<JavaModifier> mods = m.getModifiers();
        JavaClass owner = m.getOwner();
        return (mods.contains(JavaModifier.PUBLIC) || mods.contains(JavaModifier.PROTECTED))
            && owner.getModifiers().contains(JavaModifier.PUBLIC)
            && !owner.getPackageName().contains(".internal");
      }
    };
  }

  private static <T extends JavaMember> ArchCondition<T> exposeNoHiddenLibrary(
      Function<JavaMember, List<? extends JavaType>> types) {
    return new ArchCondition<>("expose no internal, Jackson, Caffeine, Commons Math/Statistics or DataSketches type") {
      @Override
      public void check(T member, ConditionEvents events) {
        report(member.getFullName(), types.apply(member), events);
      }
    };
  }

  private static void report(String where, List<? extends JavaType> types, ConditionEvents events) {
    for (JavaType t : types) {
      for (JavaClass raw : t.getAllInvolvedRawTypes()) {
        if (HIDDEN_LIBRARIES.test(raw.getPackageName())) {
          events.add(SimpleConditionEvent.violated(where, where + " exposes " + raw.getName()));
        }
      }
    }
  }
}
