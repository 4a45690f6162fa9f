package dev.mlops.examples.snippets;

import dev.mlops.core.MlopsStore;
import dev.mlops.tracking.Run;
import dev.mlops.tracking.RunSnapshot;
import dev.mlops.tracking.Tracker;
import dev.mlops.tracking.leaderboard.Direction;
import dev.mlops.tracking.leaderboard.Leaderboard;
import java.util.List;

public class TrackingQuickStart {
  public static void main(String[] args) {
    try (MlopsStore store = MlopsStore.open();
         Tracker tracker = Tracker.on(store)) {
      for (double lr : new double[] {0.01, 0.1}) {
        try (Run run = tracker.startRun("penguins")) {           // FAILED unless finish() is reached
          run.logParam("lr", lr);
          for (int epoch = 0; epoch < 10; epoch++) {
            run.logMetric("loss", 1.0 / (epoch + 1) / lr, epoch); // asynchronous, never blocks on storage
          }
          run.logMetric("accuracy", lr > 0.05 ? 0.95 : 0.90);
          run.finish();
        }
      }
      List<RunSnapshot> good = tracker.searchRuns("penguins",
          "metrics.accuracy > 0.92 AND params.lr IN ('0.1', '1.0') AND attributes.status = 'FINISHED'");
      System.out.println(good.size() + " run(s) with accuracy above 0.92");
      Leaderboard board = tracker.leaderboard("penguins").metric("accuracy", Direction.MAXIMIZE).build();
      System.out.print(board.toTable());
    }
  }
}
