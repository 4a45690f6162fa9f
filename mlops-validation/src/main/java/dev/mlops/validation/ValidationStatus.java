package dev.mlops.validation;

/**
 * The overall outcome of a suite: {@link #FAILED} if an error-severity rule failed, else {@link #WARNING} if a
 * warning-severity rule failed or a rule was {@code NO_DATA}/{@code INCONCLUSIVE} under a policy that warns,
 * else {@link #PASSED}.
 */
public enum ValidationStatus {
  /** Every rule passed (or was undecided under a policy that passes). */
  PASSED,
  /** Only warnings. */
  WARNING,
  /** At least one error. */
  FAILED
}
