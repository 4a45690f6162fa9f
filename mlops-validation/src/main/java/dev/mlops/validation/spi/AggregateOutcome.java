package dev.mlops.validation.spi;

import dev.mlops.core.InvalidInputException;
import dev.mlops.validation.RuleStatus;
import dev.mlops.validation.ValueCount;
import dev.mlops.validation.internal.engine.NumberText;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What an {@link AggregateRule} concludes from its merged state: a judged metric, a count of unexpected rows (to
 * which the engine applies {@code mostly}), or no data. Immutable and thread-safe.
 */
public final class AggregateOutcome {
  private final @Nullable RuleStatus status;
  private final @Nullable Double observed;
  private final long elementCount;
  private final long unexpectedCount;
  private final List<ValueCount> samples;
  private final String message;

  private AggregateOutcome(@Nullable RuleStatus status, @Nullable Double observed, long elementCount,
      long unexpectedCount, List<ValueCount> samples, String message) {
    this.status = status;
    this.observed = observed;
    this.elementCount = elementCount;
    this.unexpectedCount = unexpectedCount;
    this.samples = List.copyOf(samples);
    this.message = Objects.requireNonNull(message, "message");
  }

  /**
   * A metric judged against an inclusive range, PASSED when {@code min <= observed <= max} (NaN fails).
   *
   * @param metric the metric's name for the message, e.g. {@code geometric mean}
   * @param observed the metric
   * @param min the lower bound (may be {@code -Infinity})
   * @param max the upper bound (may be {@code Infinity})
   * @param elementCount the rows the metric was computed over
   * @return the outcome
   */
  public static AggregateOutcome metric(String metric, double observed, double min, double max, long elementCount) {
    boolean ok = observed >= min && observed <= max;
    return judged(ok, observed, elementCount, metric + " is " + NumberText.number(observed)
        + (ok ? ", within " : ", outside ") + NumberText.range(min, max));
  }

  /**
   * A metric the rule judged itself.
   *
   * @param passed whether the rule passed
   * @param observed the metric, or NaN when it is undefined
   * @param elementCount the rows the metric was computed over
   * @param message what was observed
   * @return the outcome
   */
  public static AggregateOutcome judged(boolean passed, double observed, long elementCount, String message) {
    return new AggregateOutcome(passed ? RuleStatus.PASSED : RuleStatus.FAILED, observed, elementCount, 0,
        List.of(), message);
  }

  /**
   * A count of rows judged and rows that broke the rule; the engine sets the status from the passing fraction and
   * the rule's {@code mostly} (zero judged rows is NO_DATA), and the observed value is that fraction. Only for rules
   * whose {@link AggregateRule#countsRows()} is true.
   *
   * @param elementCount the rows judged
   * @param unexpectedCount the rows that broke the rule, at most {@code elementCount}
   * @param samples offending values with counts (at most 20 are kept)
   * @param message what was observed
   * @return the outcome
   * @throws dev.mlops.core.InvalidInputException if the counts are negative or inconsistent
   */
  public static AggregateOutcome rows(long elementCount, long unexpectedCount, List<ValueCount> samples,
      String message) {
    if (elementCount < 0 || unexpectedCount < 0 || unexpectedCount > elementCount) {
      throw new InvalidInputException("unexpected count " + unexpectedCount
          + " must lie in [0, element count " + elementCount + "]");
    }
    return new AggregateOutcome(null, null, elementCount, unexpectedCount,
        samples.size() > 20 ? samples.subList(0, 20) : samples, message);
  }

  /**
   * No data to judge (no rows, or every value null): the rule's status is NO_DATA.
   *
   * @param why what was missing
   * @return the outcome
   */
  public static AggregateOutcome noData(String why) {
    return new AggregateOutcome(RuleStatus.NO_DATA, null, 0, 0, List.of(), why);
  }

  /**
   * Returns the status the rule set, or {@code null} for a {@link #rows} outcome (judged by {@code mostly}).
   *
   * @return the status or {@code null}
   */
  public @Nullable RuleStatus status() {
    return status;
  }

  /**
   * Returns the observed metric.
   *
   * @return the metric, or {@code null} for NO_DATA and row counts
   */
  public @Nullable Double observed() {
    return observed;
  }

  /**
   * Returns the rows judged.
   *
   * @return the element count
   */
  public long elementCount() {
    return elementCount;
  }

  /**
   * Returns the rows that broke the rule.
   *
   * @return the unexpected count
   */
  public long unexpectedCount() {
    return unexpectedCount;
  }

  /**
   * Returns offending values with counts.
   *
   * @return an immutable list
   */
  public List<ValueCount> samples() {
    return samples;
  }

  /**
   * Returns the message.
   *
   * @return the message
   */
  public String message() {
    return message;
  }

  @Override
  public String toString() {
    return "AggregateOutcome[" + (status == null ? "rows" : status) + ", " + message + "]";
  }
}
