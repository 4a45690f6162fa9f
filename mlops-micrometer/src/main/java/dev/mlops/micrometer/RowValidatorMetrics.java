package dev.mlops.micrometer;

import dev.mlops.validation.RowValidator;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;

/**
 * Exports a {@link RowValidator}'s counts (see {@link RowValidator#stats()}): records checked, records rejected,
 * and violations per rule.
 *
 * <table>
 *   <caption>Meters (each tagged {@code validator=<name>} plus the binder's tags)</caption>
 *   <tr><th>name</th><th>type</th><th>meaning</th></tr>
 *   <tr><td>{@code mlops.validation.rows.checked}</td><td>counter</td><td>records judged</td></tr>
 *   <tr><td>{@code mlops.validation.rows.rejected}</td><td>counter</td><td>records that broke a rule</td></tr>
 *   <tr><td>{@code mlops.validation.violations}</td><td>counter</td><td>violations found by
 *       {@code validate()}, tagged {@code rule=<the rule's description>}; one meter per applied rule, so the
 *       tag's values are bounded by the suite</td></tr>
 * </table>
 *
 * <p>Thread-safe; the meters read the validator's counters when the registry is scraped.
 */
public final class RowValidatorMetrics implements MeterBinder {
  private final RowValidator validator;
  private final Tags tags;

  /**
   * Creates the binder.
   *
   * @param validator the validator whose counts to export
   * @param name the validator's name for the {@code validator} tag, such as the model or endpoint it guards
   * @param tags extra tags for every meter; keep their values bounded
   */
  public RowValidatorMetrics(RowValidator validator, String name, Iterable<Tag> tags) {
    this.validator = Objects.requireNonNull(validator, "validator");
    this.tags = Tags.concat(tags, "validator", Objects.requireNonNull(name, "name"));
  }

  /**
   * Creates the binder with no extra tags.
   *
   * @param validator the validator whose counts to export
   * @param name the validator's name for the {@code validator} tag
   */
  public RowValidatorMetrics(RowValidator validator, String name) {
    this(validator, name, Tags.empty());
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    FunctionCounter.builder("mlops.validation.rows.checked", validator, v -> v.stats().checked()).tags(tags)
        .description("Records judged by the row validator").register(registry);
    FunctionCounter.builder("mlops.validation.rows.rejected", validator, v -> v.stats().rejected()).tags(tags)
        .description("Records that broke at least one rule").register(registry);
    for (String rule : validator.stats().violationsByRule().keySet()) {
      FunctionCounter.builder("mlops.validation.violations", validator,
              v -> v.stats().violationsByRule().getOrDefault(rule, 0L)).tags(tags).tag("rule", rule)
          .description("Violations of one rule found by validate()").register(registry);
    }
  }
}
