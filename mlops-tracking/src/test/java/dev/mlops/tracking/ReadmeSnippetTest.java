package dev.mlops.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.MlopsStore;
import dev.mlops.tracking.leaderboard.Direction;
import dev.mlops.tracking.leaderboard.Leaderboard;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Compiles and runs the snippet of the README's tracking section, so it cannot rot. */
class ReadmeSnippetTest {
  @Test
  void readmeSnippetRuns() {
    // --- README snippet begins
    try (MlopsStore store = MlopsStore.open("mem:");
         Tracker tracker = Tracker.on(store)) {
      for (double lr : new double[] {0.01, 0.1}) {
        try (Run run = tracker.startRun("penguins")) {
          run.logParam("lr", lr);
          for (int epoch = 0; epoch < 10; epoch++) {
            run.logMetric("loss", 1.0 / (epoch + 1) / lr, epoch);
          }
          run.logMetric("accuracy", lr > 0.05 ? 0.95 : 0.90);
        }
      }
      List<RunSnapshot> good = tracker.searchRuns("penguins",
          "metrics.accuracy > 0.92 AND (params.lr = '0.1' OR tags.team IS NOT NULL)");
      Leaderboard board = tracker.leaderboard("penguins").metric("accuracy", Direction.MAXIMIZE).build();
      System.out.print(board.toTable());
      // --- README snippet ends
      assertThat(good).hasSize(1);
      assertThat(good.get(0).params()).containsEntry("lr", "0.1");
      assertThat(board.best().orElseThrow().score()).isEqualTo(0.95);
    }
  }
}
