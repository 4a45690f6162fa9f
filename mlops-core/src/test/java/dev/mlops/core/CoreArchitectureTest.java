package dev.mlops.core;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.mlops.core.testing.DesignRules;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The design rules every module follows (see {@link DesignRules}), on mlops-core, and proof they can fail. */
class CoreArchitectureTest {
  @Test
  void followsTheDesignRules() {
    DesignRules.forModule(MlopsStore.class)
        // ArtifactSpec.producedBy(Fingerprint) and Fingerprint.Builder.data(ArtifactVersion) name each other;
        // known since the design rules came in (issue 14), to be cut by letting only one side name the other
        .allowingCycle("artifact specs and fingerprints name each other", "dev.mlops.core.artifact",
            "dev.mlops.core.fingerprint")
        .check();
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
    assertThatThrownBy(() -> DesignRules.forModule(MlopsStore.class)
        .check(new ClassFileImporter().importClasses(Leaky.class)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("caches").hasMessageContaining("cache")
        .hasMessageContaining("JsonMapper").hasMessageContaining("ObjectMapper");
  }

  @Test
  void anAllowanceForACycleThatIsGoneFails() {
    assertThatThrownBy(() -> DesignRules.forModule(MlopsStore.class)
        .allowingCycle("an example", "dev.mlops.core", "dev.mlops.core.hash").check())
        .isInstanceOf(AssertionError.class).hasMessageContaining("no longer exists");
  }
}
