package dev.mlops.validation.internal.engine;

import dev.mlops.validation.RuleStatus;
import dev.mlops.validation.ValueCount;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a finished rule state says, before the suite adds the check name, rule description and severity.
 *
 * @param status the status
 * @param observed the observed metric or {@code null}
 * @param elementCount rows judged
 * @param unexpectedCount rows that broke the rule
 * @param errorBound the error bound of an approximate metric or {@code null}
 * @param samples offending values with counts
 * @param message the readable message
 */
public record Outcome(RuleStatus status, @Nullable Double observed, long elementCount, long unexpectedCount,
    @Nullable Double errorBound, List<ValueCount> samples, String message) {

  /**
   * Creates a NO_DATA outcome.
   *
   * @param why what was missing
   * @return the outcome
   */
  public static Outcome noData(String why) {
    return new Outcome(RuleStatus.NO_DATA, null, 0, 0, null, List.of(), why);
  }

  /**
   * Creates a FAILED outcome for a rule that could not apply.
   *
   * @param why the reason
   * @return the outcome
   */
  public static Outcome cannotApply(String why) {
    return new Outcome(RuleStatus.FAILED, null, 0, 0, null, List.of(), why);
  }

  /**
   * Judges an exact metric against an inclusive range.
   *
   * @param name the metric name for the message
   * @param observed the metric (NaN fails)
   * @param min the lower bound
   * @param max the upper bound
   * @param elements rows judged
   * @return the outcome
   */
  public static Outcome inRange(String name, double observed, double min, double max, long elements) {
    boolean ok = observed >= min && observed <= max;
    String msg = name + " is " + NumberText.number(observed) + (ok ? ", within " : ", outside ")
        + NumberText.range(min, max)
        + (Double.isNaN(observed) ? " (NaN: the column holds NaN values; use nanAsNull to skip them)" : "");
    return new Outcome(ok ? RuleStatus.PASSED : RuleStatus.FAILED, observed, elements, 0, null, List.of(), msg);
  }

  /**
   * Judges an approximate metric known to lie in {@code [low, high]} against an inclusive range: PASSED when the
   * whole interval is inside, FAILED when it is wholly outside, INCONCLUSIVE when it straddles a threshold.
   *
   * @param name the metric name
   * @param estimate the point estimate
   * @param low the lower end of the error interval
   * @param high the upper end of the error interval
   * @param bound the error bound reported
   * @param min the lower threshold
   * @param max the upper threshold
   * @param elements rows judged
   * @return the outcome
   */
  public static Outcome approxInRange(String name, double estimate, double low, double high, double bound,
      double min, double max, long elements) {
    RuleStatus status;
    if (Double.isNaN(estimate)) {
      status = RuleStatus.FAILED;
    } else if (low >= min && high <= max) {
      status = RuleStatus.PASSED;
    } else if (high < min || low > max) {
      status = RuleStatus.FAILED;
    } else {
      status = RuleStatus.INCONCLUSIVE;
    }
    String msg = name + " is about " + NumberText.number(estimate) + " (between " + NumberText.number(low) + " and "
        + NumberText.number(high) + "), threshold " + NumberText.range(min, max) + (status == RuleStatus.INCONCLUSIVE ? ": the error bound straddles a threshold" : "");
    return new Outcome(status, estimate, elements, 0, bound, List.of(), msg);
  }
}
