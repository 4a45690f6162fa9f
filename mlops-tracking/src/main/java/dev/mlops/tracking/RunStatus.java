package dev.mlops.tracking;

/**
 * The lifecycle state of a run, named as MLflow names it.
 *
 * <p>A run starts {@link #RUNNING}; closing it ends it {@link #FINISHED}; {@link Run#fail(String)} ends it
 * {@link #FAILED}; a run whose process died without ending it reads as {@link #KILLED}.
 */
public enum RunStatus {
  /** The run is in progress and its process is alive. */
  RUNNING,
  /** The run ended normally. */
  FINISHED,
  /** The run ended with a failure. */
  FAILED,
  /** The run's process died (or was killed) before ending it. */
  KILLED;

  /** @return true for every status but {@link #RUNNING} */
  public boolean isTerminal() {
    return this != RUNNING;
  }
}
