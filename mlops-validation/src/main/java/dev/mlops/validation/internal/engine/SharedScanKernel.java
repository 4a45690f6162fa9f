package dev.mlops.validation.internal.engine;

/**
 * A kernel whose state can be shared with other kernels of the same run: kernels with equal {@link #scanKey()}s
 * fold the same rows of the same column into the same kind of state (say, moments of one column under one filter,
 * judged as a mean by one rule and a maximum by another), so the run folds it once and each kernel judges it.
 * Immutable and thread-safe.
 */
public interface SharedScanKernel extends RuleKernel {
  /**
   * Returns what identifies the scan: equal keys mean equal states after folding the same rows.
   *
   * @return a value with {@code equals} and {@code hashCode}
   */
  Object scanKey();

  /**
   * Judges a state folded by this kernel or by another with an equal {@link #scanKey()}.
   *
   * @param scan the state, made by {@link #newState()} of one of the sharing kernels
   * @return the outcome
   */
  Outcome finish(RuleState scan);
}
