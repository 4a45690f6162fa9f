package dev.mlops.tracking.sweep;

import dev.mlops.tracking.Run;

/**
 * The user's training code for one sweep trial: train with the given hyperparameters and log metrics to
 * the run. Called concurrently from several threads when the sweep runs in parallel.
 */
@FunctionalInterface
public interface TrialFunction {
  /**
   * Trains once.
   *
   * @param run the trial's child run (its params are already logged)
   * @param params the hyperparameters of this trial, by name, with typed access ({@code params.getDouble("lr")})
   * @throws Exception anything; the trial's run then ends FAILED and the sweep goes on
   */
  void train(Run run, TrialParams params) throws Exception;
}
