package dev.mlops.validation.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.ConfigurationException;
import dev.mlops.validation.Check;
import dev.mlops.validation.Column;
import dev.mlops.validation.Rule;
import dev.mlops.validation.RuleStatus;
import dev.mlops.validation.Table;
import dev.mlops.validation.ValidationSuite;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rule providers load through core's one provider loader: a provider whose {@code type()} fails with an
 * {@link Error} is skipped without breaking the others, and two providers of one type resolve by priority, then by
 * class name, whatever their order in {@code META-INF/services} (the test resources list the losers first).
 */
class ProviderResolutionTest {
  private static RuleStatus run(String type, String value) {
    Table t = Table.of(Column.ofStrings("s", value));
    return ValidationSuite.builder("providers")
        .addCheck(Check.error("c").add(Rule.of(type, List.of("s"), Map.of()))).build().run(t)
        .results().get(0).status();
  }

  @Test
  void aProviderFailingWithAnErrorIsSkippedAndTheOthersStillServe() {
    assertThat(run("test.preferred", "x")).isEqualTo(RuleStatus.PASSED);
    assertThatThrownBy(() -> run("test.nobodyServesThis", "x")).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("MissingDependencyRuleProvider").hasMessageContaining("test.tie");
  }

  @Test
  void theHigherPriorityWinsWhateverTheClassPathOrder() {
    assertThat(run("test.preferred", "anything")).as("PreferredRuleProvider passes every row")
        .isEqualTo(RuleStatus.PASSED);
  }

  @Test
  void equalPrioritiesResolveToTheClassNameThatSortsFirst() {
    assertThat(run("test.tie", "TieRuleProviderA")).isEqualTo(RuleStatus.PASSED);
    assertThat(run("test.tie", "TieRuleProviderZ")).isEqualTo(RuleStatus.FAILED);
  }
}
