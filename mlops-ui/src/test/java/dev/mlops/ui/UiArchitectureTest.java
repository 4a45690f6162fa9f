package dev.mlops.ui;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The UI uses only the other modules' public API and hands out none of its implementation types. */
class UiArchitectureTest {

  @Test
  void usesNoOtherModulesInternals() {
    JavaClasses ui = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.mlops.ui");
    noClasses().that().resideInAPackage("dev.mlops.ui..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.mlops.core..internal..",
            "dev.mlops.tracking..internal..", "dev.mlops.validation..internal..")
        .check(ui);
  }

  @Test
  void publicSignaturesMentionNoInternalOrThirdPartyType() {
    List<String> leaks = new ArrayList<>();
    for (Class<?> type : List.of(MlopsUi.class, MlopsUi.Builder.class, HtmlReport.class, MlopsUiMain.class)) {
      for (Method m : type.getDeclaredMethods()) {
        if (!Modifier.isPublic(m.getModifiers())) {
          continue;
        }
        Stream.concat(Stream.of(m.getReturnType()), Stream.of(m.getParameterTypes())).map(Class::getName)
            .filter(n -> n.contains(".internal.") || n.startsWith("tools.jackson") || n.startsWith("com.sun.")
                || n.startsWith("com.github.benmanes"))
            .forEach(n -> leaks.add(type.getSimpleName() + "." + m.getName() + ": " + n));
      }
    }
    assertThat(leaks).isEmpty();
  }
}
