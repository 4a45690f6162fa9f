package dev.mlops.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.MlopsStore;
import dev.mlops.tracking.leaderboard.Direction;
import dev.mlops.tracking.leaderboard.Leaderboard;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles and runs the snippet of the README's tracking section, so it cannot rot. */
class ReadmeSnippetTest {
  @TempDir Path dir;

  @Test
  void readmeSnippetRuns() {
    // snippet:tracking
    try (MlopsStore store = MlopsStore.open("file:" + dir);
         Tracker tracker = Tracker.on(store)) {
      for (double lr : new double[] {0.01, 0.1}) {
        try (Run run = tracker.startRun("penguins")) {
          run.logParam("lr", lr);
          for (int epoch = 0; epoch < 10; epoch++) {
            run.logMetric("loss", 1.0 / (epoch + 1) / lr, epoch);
          }
          run.logMetric("accuracy", lr > 0.05 ? 0.95 : 0.90);
          run.finish();
        }
      }
      List<RunSnapshot> good = tracker.searchRuns("penguins",
          "metrics.accuracy > 0.92 AND (params.lr = '0.1' OR tags.team IS NOT NULL)");
      Leaderboard board = tracker.leaderboard("penguins").metric("accuracy", Direction.MAXIMIZE).build();
      System.out.print(board.toTable());
    }
    // end-snippet
    try (MlopsStore store = MlopsStore.open("file:" + dir);
         Tracker tracker = Tracker.on(store)) {
      List<RunSnapshot> good = tracker.searchRuns("penguins",
          "metrics.accuracy > 0.92 AND (params.lr = '0.1' OR tags.team IS NOT NULL)");
      assertThat(good).hasSize(1);
      assertThat(good.get(0).params()).containsEntry("lr", "0.1");
      Leaderboard board = tracker.leaderboard("penguins").metric("accuracy", Direction.MAXIMIZE).build();
      assertThat(board.best().orElseThrow().score()).isEqualTo(0.95);
    }
  }
}
