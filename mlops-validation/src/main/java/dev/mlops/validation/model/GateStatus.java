package dev.mlops.validation.model;

/** The outcome of a {@link ModelGate} or of one of its requirements. */
public enum GateStatus {
  /** Met. */
  PASSED,
  /** Not met; a gate with one failed requirement fails. */
  FAILED,
  /** Not checked: a champion requirement without a champion, or a slice requirement with no large slice. */
  SKIPPED
}
