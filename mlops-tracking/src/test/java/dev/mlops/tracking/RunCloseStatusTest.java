package dev.mlops.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.MlopsStore;
import java.io.Closeable;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How a run ends when its try-with-resources block (or finally block) exits normally or by an exception.
 * Each test compiles a real block with javac, so these check the call-site reading against the bytecode the
 * compiler actually emits.
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
  void aBlockThatCompletesEndsFinished() {
    AtomicReference<String> id = new AtomicReference<>();
    try (Run run = tracker.startRun("close")) {
      id.set(run.id());
      run.logMetric("loss", 0.5);
    }
    assertThat(snapshot(id).status()).isEqualTo(RunStatus.FINISHED);
    assertThat(snapshot(id).tags()).doesNotContainKey("mlops.failure");
  }

  @Test
  void anExceptionPropagatingOutOfTheBlockEndsFailed() {
    AtomicReference<String> id = new AtomicReference<>();
    assertThatThrownBy(() -> {
      try (Run run = tracker.startRun("close")) {
        id.set(run.id());
        throw new IllegalStateException("diverged");
      }
    }).isInstanceOf(IllegalStateException.class).hasNoSuppressedExceptions();
    assertThat(snapshot(id).status()).isEqualTo(RunStatus.FAILED);
    assertThat(snapshot(id).tags().get("mlops.failure"))
        .contains("an exception propagated")
        .contains(RunCloseStatusTest.class.getName());
  }

  @Test
  void anExceptionCaughtInsideTheBlockEndsFinished() {
    AtomicReference<String> id = new AtomicReference<>();
    try (Run run = tracker.startRun("close")) {
      id.set(run.id());
      try {
        throw new IllegalStateException("handled");
      } catch (IllegalStateException e) {
        run.setTag("recovered", "yes");
      }
    }
    assertThat(snapshot(id).status()).isEqualTo(RunStatus.FINISHED);
  }

  @Test
  @SuppressWarnings("try") // closes the run inside its own block on purpose
  void aRunNestedInAnotherResourceIsJudgedByItsOwnBlock() throws Exception {
    AtomicReference<String> inner = new AtomicReference<>();
    AtomicReference<String> outer = new AtomicReference<>();
    try (Closeable other = () -> { }; Run run = tracker.startRun("close")) {
      outer.set(run.id());
      try (Run child = tracker.newRun("close").parent(run.id()).start()) {
        inner.set(child.id());
      }
    }
    assertThat(snapshot(inner).status()).isEqualTo(RunStatus.FINISHED);
    assertThat(snapshot(outer).status()).isEqualTo(RunStatus.FINISHED);

    assertThatThrownBy(() -> {
      try (Run run = tracker.startRun("close")) {
        outer.set(run.id());
        try (Run child = tracker.newRun("close").parent(run.id()).start()) {
          inner.set(child.id());
          throw new ArithmeticException("NaN loss");
        }
      }
    }).isInstanceOf(ArithmeticException.class);
    assertThat(snapshot(inner).status()).isEqualTo(RunStatus.FAILED);
    assertThat(snapshot(outer).status()).isEqualTo(RunStatus.FAILED);
  }

  @Test
  void aFinallyBlockClosingTheRunSeesTheExceptionalPath() {
    AtomicReference<String> id = new AtomicReference<>();
    Run ok = tracker.startRun("close");
    try {
      id.set(ok.id());
    } finally {
      ok.close();
    }
    assertThat(snapshot(id).status()).isEqualTo(RunStatus.FINISHED);

    assertThatThrownBy(() -> {
      Run run = tracker.startRun("close");
      try {
        id.set(run.id());
        throw new IllegalArgumentException("bad batch");
      } finally {
        run.close();
      }
    }).isInstanceOf(IllegalArgumentException.class);
    assertThat(snapshot(id).status()).isEqualTo(RunStatus.FAILED);
  }

  @Test
  void aNullableResourceIsJudgedToo() {
    AtomicReference<String> id = new AtomicReference<>();
    boolean track = id.get() == null;
    assertThatThrownBy(() -> {
      try (Run run = track ? tracker.startRun("close") : null) {
        id.set(run.id());
        throw new IllegalStateException("boom");
      }
    }).isInstanceOf(IllegalStateException.class);
    assertThat(snapshot(id).status()).isEqualTo(RunStatus.FAILED);
  }

  @Test
  void eachCallSiteKeepsItsOwnVerdictAcrossManyRuns() {
    for (int i = 0; i < 6; i++) {
      AtomicReference<String> id = new AtomicReference<>();
      boolean fail = i % 2 == 1;
      try {
        try (Run run = tracker.startRun("close")) {
          id.set(run.id());
          if (fail) {
            throw new IllegalStateException("run " + i);
          }
        }
      } catch (IllegalStateException expected) {
        assertThat(expected).hasMessage("run " + i);
      }
      assertThat(snapshot(id).status()).as("run %d", i).isEqualTo(fail ? RunStatus.FAILED : RunStatus.FINISHED);
    }
  }

  @Test
  void anExplicitFailureKeepsItsReasonWhenTheBlockThenThrows() {
    AtomicReference<String> id = new AtomicReference<>();
    assertThatThrownBy(() -> {
      try (Run run = tracker.startRun("close")) {
        id.set(run.id());
        IllegalStateException e = new IllegalStateException("first cause");
        run.fail(e);
        throw e;
      }
    }).isInstanceOf(IllegalStateException.class);
    assertThat(snapshot(id).status()).isEqualTo(RunStatus.FAILED);
    assertThat(snapshot(id).tags().get("mlops.failure")).contains("first cause");
  }

  @Test
  void closingFromAHelperIsANormalEnd() {
    AtomicReference<String> id = new AtomicReference<>();
    Run run = tracker.startRun("close");
    id.set(run.id());
    closeLater(run);
    assertThat(snapshot(id).status()).isEqualTo(RunStatus.FINISHED);
  }

  private static void closeLater(AutoCloseable resource) {
    try {
      resource.close();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
