package dev.mlops.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.ConflictException;
import dev.mlops.core.MlopsException;
import dev.mlops.core.MlopsStore;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How a run ends: like a transaction, {@code finish()} commits FINISHED, and closing a run that was neither
 * finished nor failed ends it FAILED, whatever made the block exit early.
 */
class RunCloseStatusTest {
  private MlopsStore store;
  private Tracker tracker;

  @BeforeEach
  void open() {
    store = MlopsStore.open("mem:");
    tracker = Tracker.on(store);
  }

  @AfterEach
  void close() {
    tracker.close();
    store.close();
  }

  private RunSnapshot snapshot(AtomicReference<String> id) {
    return tracker.getRun(id.get());
  }

  @Test
  void aBlockThatFinishesEndsFinished() {
    AtomicReference<String> id = new AtomicReference<>();
    try (Run run = tracker.startRun("close")) {
      id.set(run.id());
      run.logMetric("loss", 0.5);
      run.finish();
    }
    assertThat(snapshot(id).status()).isEqualTo(RunStatus.FINISHED);
    assertThat(snapshot(id).tags()).doesNotContainKey("mlops.failure");
    assertThat(snapshot(id).metrics()).containsEntry("loss", 0.5);
  }

  @Test
  void aTagSetAfterFinishIsWrittenByClose() {
    // close after a finish waits for nothing unless the run changed since: here it did, so close flushes
    AtomicReference<String> id = new AtomicReference<>();
    try (Run run = tracker.startRun("close")) {
      id.set(run.id());
      run.finish();
      run.setTag("reviewed", "yes");
    }
    assertThat(snapshot(id).tags()).containsEntry("reviewed", "yes");
    assertThat(snapshot(id).status()).isEqualTo(RunStatus.FINISHED);
  }

  @Test
  void anExceptionBeforeFinishEndsFailed() {
    AtomicReference<String> id = new AtomicReference<>();
    assertThatThrownBy(() -> {
      try (Run run = tracker.startRun("close")) {
        id.set(run.id());
        run.logMetric("loss", 9.0);
        if (id.get() != null) {
          throw new IllegalStateException("diverged");
        }
        run.finish();
      }
    }).isInstanceOf(IllegalStateException.class).hasNoSuppressedExceptions();
    assertThat(snapshot(id).status()).isEqualTo(RunStatus.FAILED);
    assertThat(snapshot(id).tags().get("mlops.failure")).contains("closed without finish()");
    assertThat(snapshot(id).metrics()).as("what was logged before the failure is kept").containsEntry("loss", 9.0);
  }

  @Test
  void anEarlyReturnBeforeFinishEndsFailed() {
    AtomicReference<String> id = new AtomicReference<>();
    trainUntilEarlyExit(id);
    assertThat(snapshot(id).status()).isEqualTo(RunStatus.FAILED);
  }

  private void trainUntilEarlyExit(AtomicReference<String> id) {
    try (Run run = tracker.startRun("close")) {
      id.set(run.id());
      if (!id.get().isEmpty()) {
        return;
      }
      run.finish();
    }
  }

  @Test
  void failKeepsItsReasonAndCloseAfterwardsChangesNothing() {
    AtomicReference<String> id = new AtomicReference<>();
    try (Run run = tracker.startRun("close")) {
      id.set(run.id());
      run.fail(new IOException("disk full"));
      run.finish();
    }
    assertThat(snapshot(id).status()).isEqualTo(RunStatus.FAILED);
    assertThat(snapshot(id).tags().get("mlops.failure")).isEqualTo("java.io.IOException: disk full");
  }

  @Test
  void aFinishedRunRefusesMoreParamsButClosingItAgainIsHarmless() {
    Run run = tracker.startRun("close");
    run.finish();
    run.close();
    run.finish();
    assertThat(tracker.getRun(run.id()).status()).isEqualTo(RunStatus.FINISHED);
    assertThatThrownBy(() -> run.logParam("late", 1)).isInstanceOf(ConflictException.class)
        .hasMessageContaining("has ended FINISHED");
  }

  @Test
  void nestedRunsEndByTheirOwnFinish() {
    AtomicReference<String> inner = new AtomicReference<>();
    AtomicReference<String> outer = new AtomicReference<>();
    try (Run run = tracker.startRun("close")) {
      outer.set(run.id());
      try (Run child = tracker.newRun("close").parent(run.id()).start()) {
        inner.set(child.id());
      }
      run.finish();
    }
    assertThat(snapshot(inner).status()).isEqualTo(RunStatus.FAILED);
    assertThat(snapshot(outer).status()).isEqualTo(RunStatus.FINISHED);
  }

  @Test
  void theLambdaFormRecordsTheExceptionItself() {
    AtomicReference<String> id = new AtomicReference<>();
    assertThatThrownBy(() -> tracker.run("close", run -> {
      id.set(run.id());
      throw new IOException("checked, wrapped");
    })).isInstanceOf(MlopsException.class).hasCauseInstanceOf(IOException.class);
    assertThat(snapshot(id).status()).isEqualTo(RunStatus.FAILED);
    assertThat(snapshot(id).tags().get("mlops.failure")).contains("IOException", "checked, wrapped");
    assertThat(tracker.run("close", run -> run.logMetric("m", 1)).status()).isEqualTo(RunStatus.FINISHED);
  }
}
