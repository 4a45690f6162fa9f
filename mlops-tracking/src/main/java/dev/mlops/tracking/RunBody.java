package dev.mlops.tracking;

/**
 * Code that runs inside a run, for {@link Tracker#run(String, RunBody)}: if it throws, the run ends
 * {@link RunStatus#FAILED}; if it returns, {@link RunStatus#FINISHED}.
 */
@FunctionalInterface
public interface RunBody {
  /**
   * Does the work of the run.
   *
   * @param run the run to log to
   * @throws Exception anything; it ends the run FAILED and is rethrown
   */
  void accept(Run run) throws Exception;
}
