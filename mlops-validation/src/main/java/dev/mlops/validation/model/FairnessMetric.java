package dev.mlops.validation.model;

import dev.mlops.core.InvalidInputException;
import java.util.Locale;

/**
 * Group fairness metrics of a binary classifier over a sensitive column, with fairlearn's definitions
 * (between groups: the largest group value minus the smallest, or the smallest divided by the largest).
 */
public enum FairnessMetric {
  /** Largest minus smallest selection rate (fairlearn's {@code demographic_parity_difference}); 0 is fair. */
  DEMOGRAPHIC_PARITY_DIFFERENCE,
  /** Smallest divided by largest selection rate ({@code demographic_parity_ratio}); 1 is fair. */
  DEMOGRAPHIC_PARITY_RATIO,
  /**
   * The larger of the true positive rate difference and the false positive rate difference
   * ({@code equalized_odds_difference}); 0 is fair.
   */
  EQUALIZED_ODDS_DIFFERENCE,
  /** Largest minus smallest true positive rate ({@code equal_opportunity_difference}); 0 is fair. */
  EQUAL_OPPORTUNITY_DIFFERENCE;

  /** @return the metric's name in lower snake case, as fairlearn spells it */
  public String metricName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** @return true if larger values are fairer (the ratio), false if smaller ones are (the differences) */
  public boolean higherIsFairer() {
    return this == DEMOGRAPHIC_PARITY_RATIO;
  }

  /**
   * Parses a name written by {@link #metricName()}.
   *
   * @param name the name
   * @return the metric
   * @throws InvalidInputException if unknown
   */
  public static FairnessMetric named(String name) {
    for (FairnessMetric m : values()) {
      if (m.metricName().equals(name)) {
        return m;
      }
    }
    throw new InvalidInputException("unknown fairness metric '" + name + "'; known: demographic_parity_difference, "
        + "demographic_parity_ratio, equalized_odds_difference, equal_opportunity_difference");
  }
}
