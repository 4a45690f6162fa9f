package dev.mlops.validation.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.spi.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * A server that saves its window to JSON, restarts and restores it sees exactly what a server that never
 * stopped sees: same snapshots, same last completed window, same drift verdict, same saved state.
 */
class WindowProfileRestartProperties {
  private static final Instant START = Instant.parse("2026-03-01T10:00:00.250Z");
  private static final DriftDetector DETECTOR = DriftDetector.defaults();

  /** One step of a server's life: a value for one column, a whole row, or time passing. */
  sealed interface Op permits NumberOp, CategoryOp, RowOp, TickOp {}

  record NumberOp(double value) implements Op {}

  record CategoryOp(String value) implements Op {}

  record RowOp(double x, String c, LocalDate d) implements Op {}

  record TickOp(long millis) implements Op {}

  @Property(tries = 100)
  void restartingAnywhereChangesNothing(
      @ForAll("windows") Window window,
      @ForAll("ops") List<Op> ops,
      @ForAll @IntRange(min = 0, max = 60) int restartAt) {
    DatasetProfile reference = reference();
    MutableClock steadyClock = new MutableClock(START);
    MutableClock restartedClock = new MutableClock(START);
    MutableClock alwaysClock = new MutableClock(START);
    WindowProfile steady = WindowProfile.of(reference, window, steadyClock);
    WindowProfile restarted = WindowProfile.of(reference, window, restartedClock);
    WindowProfile always = WindowProfile.of(reference, window, alwaysClock);
    int split = Math.min(restartAt, ops.size());
    for (int i = 0; i < ops.size(); i++) {
      if (i == split) {
        restarted = WindowProfile.fromJson(restarted.toJson(), restartedClock);
      }
      always = WindowProfile.fromJson(always.toJson(), alwaysClock);
      apply(ops.get(i), steady, steadyClock);
      apply(ops.get(i), restarted, restartedClock);
      apply(ops.get(i), always, alwaysClock);
      if (i >= split) {
        // a snapshot reads the clock, and a window that saw a later time keeps counting into that pane
        // when the clock goes back, so all three are observed at the same moments
        DatasetProfile expected = steady.snapshot();
        assertThat(restarted.snapshot()).isEqualTo(expected);
        assertThat(always.snapshot()).isEqualTo(expected);
      }
    }
    if (split == ops.size()) {
      restarted = WindowProfile.fromJson(restarted.toJson(), restartedClock);
    }
    for (WindowProfile resumed : List.of(restarted, always)) {
      assertThat(resumed.snapshot()).isEqualTo(steady.snapshot());
      assertThat(resumed.lastCompleted()).isEqualTo(steady.lastCompleted());
      assertThat(DETECTOR.compare(reference, resumed.snapshot()))
          .isEqualTo(DETECTOR.compare(reference, steady.snapshot()));
      assertThat(resumed.toJson()).isEqualTo(steady.toJson());
      assertThat(resumed.window()).isEqualTo(window);
      assertThat(resumed.reference()).isEqualTo(reference);
    }
  }

  @Example
  void aClockGoingBackAfterAnObservedPaneChangesNothingEither() {
    List<Op> ops = new ArrayList<>();
    for (int i = 0; i < 43; i++) {
      ops.add(new NumberOp(0.0));
    }
    ops.add(new TickOp(1200));
    ops.add(new TickOp(-700));
    ops.add(new NumberOp(1.5));
    restartingAnywhereChangesNothing(Window.tumblingTime(Duration.ofMillis(250)), ops, 43);
  }

  private static void apply(Op op, WindowProfile w, MutableClock clock) {
    if (op instanceof NumberOp n) {
      w.update(w.columnIndex("x"), n.value());
    } else if (op instanceof CategoryOp c) {
      w.update(w.columnIndex("c"), c.value().isEmpty() ? null : c.value());
    } else if (op instanceof RowOp r) {
      Map<String, Object> row = new HashMap<>();
      row.put("x", r.x());
      row.put("c", r.c());
      row.put("d", r.d());
      w.updateRow(row);
    } else if (op instanceof TickOp t) {
      clock.advance(Duration.ofMillis(t.millis()));
    }
  }

  static DatasetProfile reference() {
    Binning x = Binning.numeric(0, 1, 2.5, 7);
    Binning c = Binning.categorical(List.of("a", "b"), false);
    Binning d = Binning.numeric(NumericScale.EPOCH_DAY, LocalDate.of(2020, 1, 1).toEpochDay(),
        LocalDate.of(2020, 7, 1).toEpochDay());
    return DatasetProfile.of(List.of(
        ColumnHistogram.of("x", x, new long[] {3, 4, 5, 6, 7, 1}),
        ColumnHistogram.of("c", c, new long[] {10, 12, 0, 2}),
        ColumnHistogram.of("d", d, new long[] {4, 5, 6, 0})));
  }

  @Provide
  Arbitrary<Window> windows() {
    Arbitrary<Integer> panes = Arbitraries.integers().between(1, 4);
    Arbitrary<Integer> paneSize = Arbitraries.integers().between(1, 4);
    Arbitrary<Integer> paneMillis = Arbitraries.of(250, 1000, 1500);
    return Arbitraries.oneOf(
        Arbitraries.integers().between(1, 6).map(Window::tumblingCount),
        Combinators.combine(panes, paneSize).as((p, s) -> Window.slidingCount((long) p * s, p)),
        paneMillis.map(m -> Window.tumblingTime(Duration.ofMillis(m))),
        Combinators.combine(panes, paneMillis).as((p, m) -> Window.slidingTime(Duration.ofMillis((long) p * m), p)));
  }

  @Provide
  Arbitrary<List<Op>> ops() {
    Arbitrary<Double> numbers = Arbitraries.oneOf(Arbitraries.doubles().between(-2, 10).ofScale(1),
        Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, 2.5));
    Arbitrary<String> categories = Arbitraries.of("a", "b", "z", "");
    Arbitrary<LocalDate> dates = Arbitraries.integers().between(-400, 400)
        .map(days -> LocalDate.of(2020, 3, 1).plusDays(days));
    Arbitrary<Op> op = Arbitraries.frequencyOf(
        Tuple.of(4, numbers.map(NumberOp::new)),
        Tuple.of(2, categories.map(CategoryOp::new)),
        Tuple.of(2, Combinators.combine(numbers, categories.filter(s -> !s.isEmpty()), dates)
            .as(RowOp::new)),
        Tuple.of(2, Arbitraries.oneOf(Arbitraries.longs().between(0, 2000),
            Arbitraries.of(-700L, 60_000L)).map(TickOp::new)));
    return op.list().ofMaxSize(50);
  }
}
