package dev.mlops.tracking.sweep;

import dev.mlops.tracking.leaderboard.Leaderboard;
import java.util.Objects;

/**
 * What a sweep did: its parent run, how many trials ran and failed, and the leaderboard of its trials.
 * Immutable.
 *
 * @param parentRunId the sweep's parent run
 * @param trialsRun how many trials started
 * @param trialsFailed how many of them failed
 * @param trialsSkipped how many planned trials the time budget skipped
 * @param leaderboard the finished trials ranked by the objective
 */
public record SweepResult(String parentRunId, int trialsRun, int trialsFailed, int trialsSkipped,
    Leaderboard leaderboard) {
  /**
   * Checks the fields.
   *
   * @param parentRunId the sweep's parent run
   * @param trialsRun how many trials started
   * @param trialsFailed how many of them failed
   * @param trialsSkipped how many planned trials the time budget skipped
   * @param leaderboard the finished trials ranked by the objective
   */
  public SweepResult {
    Objects.requireNonNull(parentRunId, "parentRunId");
    Objects.requireNonNull(leaderboard, "leaderboard");
  }
}
