package dev.mlops.examples.snippets;

import dev.mlops.core.MlopsStore;
import dev.mlops.tracking.Tracker;
import dev.mlops.tracking.leaderboard.Direction;
import dev.mlops.tracking.sweep.Sweep;
import dev.mlops.tracking.sweep.SweepResult;

public class SweepQuickStart {
  public static void main(String[] args) {
    try (MlopsStore store = MlopsStore.open();
         Tracker tracker = Tracker.on(store)) {
      SweepResult result = Sweep.builder(tracker, "penguins-sweep")
          .choice("lr", 0.01, 0.1, 1.0)
          .choice("l2", 0.0, 0.001)
          .grid()                                                // or .random(count, seed) over ranges
          .objective("accuracy", Direction.MAXIMIZE)
          .parallelism(2)                                        // trials on the store's worker threads
          .build()
          .run((run, params) -> {                                // each trial is a child run
            for (int epoch = 0; epoch < 5; epoch++) {
              run.logMetric("accuracy", train(params.getDouble("lr"), params.getDouble("l2"), epoch), epoch);
            }
          });
      System.out.println(result.trialsRun() + " trials, " + result.trialsFailed() + " failed");
      System.out.print(result.leaderboard().toTable());
    }
  }

  /** Stands in for your training code: accuracy after an epoch. */
  static double train(double lr, double l2, int epoch) {
    return 0.95 - Math.abs(Math.log10(lr) + 1) / 10 - l2 - 0.1 / (epoch + 1);
  }
}
