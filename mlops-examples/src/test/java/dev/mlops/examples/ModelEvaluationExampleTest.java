package dev.mlops.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.MlopsStore;
import dev.mlops.core.artifact.ArtifactVersion;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The model-testing example gates both models and ends with the full model as champion. */
class ModelEvaluationExampleTest {
  @Test
  void promotesOnlyThroughTheGate() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MlopsStore store = MlopsStore.open("mem:");
         PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      ArtifactVersion champion = ModelEvaluationExample.run(store, out);
      String text = bytes.toString(StandardCharsets.UTF_8);
      assertThat(champion.properties()).containsEntry("features", "retrained");
      assertThat(text).contains("species=Adelie", "island=Biscoe", "DeLong full - small");
      assertThat(text).contains("1. the small model", "2. the full model", "3. the small model", "4. the full model");
      assertThat(text.split("   promoted ", -1)).as(text).hasSize(3);
      assertThat(text.split("   not promoted: penguins-sex@1", -1)).as(text).hasSize(3);
      assertThat(store.artifacts().aliasHistory("penguins-sex", "champion")).extracting(m -> m.to().getAsInt())
          .containsExactly(2, 3);
      assertThat(store.artifacts().versions("penguins-sex" + dev.mlops.validation.model.Promotion.RESULTS_SUFFIX))
          .hasSize(4);
    }
  }
}
