package dev.mlops.tracking.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.CorruptedDataException;
import dev.mlops.core.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ChangeDetectorTest {
  @ParameterizedTest
  @EnumSource(DetectorKind.class)
  void startsWithoutFlagsAndRejectsNonFiniteValuesWithoutChangingState(DetectorKind kind) {
    ChangeDetector detector = kind.create();
    assertThat(detector.driftDetected()).isFalse();
    assertThat(detector.warningDetected()).isFalse();
    for (double v : kind.stream(1, 50)) {
      detector.update(v);
    }
    String before = detector.toJson();
    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      assertThatThrownBy(() -> detector.update(bad)).isInstanceOf(InvalidInputException.class)
          .hasMessageContaining(detector.name()).hasMessageContaining("finite");
    }
    assertThat(detector.toJson()).isEqualTo(before);
  }

  @ParameterizedTest
  @EnumSource(value = DetectorKind.class, names = {"DDM", "EDDM", "HDDM_A", "HDDM_W"})
  void binaryDetectorsAcceptOnlyZeroAndOne(DetectorKind kind) {
    ChangeDetector detector = kind.create();
    assertThatThrownBy(() -> detector.update(0.5)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("1 (error) or 0 (correct)");
    detector.update(0);
    detector.update(1);
  }

  @ParameterizedTest
  @EnumSource(DetectorKind.class)
  void resetReturnsToTheStateAfterConstruction(DetectorKind kind) {
    ChangeDetector detector = kind.create();
    String fresh = detector.toJson();
    for (double v : kind.stream(3, 700)) {
      detector.update(v);
    }
    detector.reset();
    assertThat(detector.toJson()).isEqualTo(fresh);
  }

  @Test
  void kswinResetKeepsTheInitialWindowButADriftForgetsIt() {
    List<Double> initial = java.util.Collections.nCopies(100, 0.0);
    ChangeDetector detector = ChangeDetector.kswin(KswinConfig.defaults(1).withInitialWindow(initial));
    String fresh = detector.toJson();
    int driftAt = -1;
    for (int i = 0; i < 200 && driftAt < 0; i++) {
      detector.update(5.0);
      if (detector.driftDetected()) {
        driftAt = i;
      }
    }
    // the initial zeros make the window full at once, so the very first tests compare 0s with 5s
    assertThat(driftAt).isBetween(0, 40);
    detector.update(5.0);
    // River: the value after a drift starts from an empty window
    assertThat(detector.toJson()).contains("\"window\":[5.0]");
    detector.reset();
    assertThat(detector.toJson()).isEqualTo(fresh);
  }

  @ParameterizedTest
  @EnumSource(DetectorKind.class)
  void theValueAfterADriftStartsAFreshDetector(DetectorKind kind) {
    double[] stream = kind.binary() ? RiverStreams.load(RiverStreams.ERROR_RATE_INCREASE)
        : RiverStreams.load(RiverStreams.TWO_DISTRIBUTIONS);
    ChangeDetector detector = kind == DetectorKind.EDDM
        ? ChangeDetector.eddm(EddmConfig.defaults().withLevels(0.8, 0.75)) : kind.create();
    int i = 0;
    while (i < stream.length && !detector.driftDetected()) {
      detector.update(stream[i++]);
    }
    assertThat(detector.driftDetected()).as("%s drifts on River's stream", kind).isTrue();
    ChangeDetector fresh = kind == DetectorKind.EDDM
        ? ChangeDetector.eddm(EddmConfig.defaults().withLevels(0.8, 0.75)) : kind.create();
    detector.update(stream[i]);
    fresh.update(stream[i]);
    assertThat(detector.toJson()).isEqualTo(fresh.toJson());
  }

  @Test
  void adwinShrinksToTheNewRegimeAndEstimatesItsMean() {
    ChangeDetector adwin = ChangeDetector.adwin(AdwinConfig.defaults().withClock(1));
    int drifts = 0;
    for (int i = 0; i < 2000; i++) {
      adwin.update(i < 1000 ? 0.0 : 1.0);
      drifts += adwin.driftDetected() ? 1 : 0;
    }
    assertThat(drifts).isEqualTo(1);
    var internal = (dev.mlops.tracking.internal.monitor.AdwinDetector) adwin;
    assertThat(internal.estimation()).isEqualTo(1.0);
    assertThat(internal.width()).isLessThan(1000).isGreaterThan(900);
  }

  @Test
  void configurationsNameTheBadSetting() {
    assertThatThrownBy(() -> AdwinConfig.defaults().withDelta(0)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("AdwinConfig.delta");
    assertThatThrownBy(() -> AdwinConfig.defaults().withClock(0)).hasMessageContaining("AdwinConfig.clock");
    assertThatThrownBy(() -> PageHinkleyConfig.defaults().withThreshold(Double.NaN))
        .hasMessageContaining("PageHinkleyConfig.threshold");
    assertThatThrownBy(() -> PageHinkleyConfig.defaults().withAlpha(1.5)).hasMessageContaining("alpha");
    assertThatThrownBy(() -> CusumConfig.defaults().withSlack(-1)).hasMessageContaining("CusumConfig.slack");
    assertThatThrownBy(() -> DdmConfig.defaults().withThresholds(3, 2)).hasMessageContaining("driftThreshold");
    assertThatThrownBy(() -> EddmConfig.defaults().withLevels(0.5, 0.9)).hasMessageContaining("alpha must be >= beta");
    assertThatThrownBy(() -> HddmAConfig.defaults().withConfidences(1, 0.5)).hasMessageContaining("driftConfidence");
    assertThatThrownBy(() -> HddmWConfig.defaults().withLambda(0)).hasMessageContaining("lambda");
    assertThatThrownBy(() -> KswinConfig.defaults(1).withWindow(50, 30)).hasMessageContaining("windowSize");
    assertThatThrownBy(() -> KswinConfig.defaults(1).withInitialWindow(List.of(1.0, Double.NaN)))
        .hasMessageContaining("initialWindow[1]");
  }

  @Test
  void corruptedDocumentsAreRefusedWithTheFieldAtFault() {
    String good = ChangeDetector.pageHinkley().toJson();
    assertThatThrownBy(() -> ChangeDetector.fromJson("{not json")).isInstanceOf(CorruptedDataException.class);
    assertThatThrownBy(() -> ChangeDetector.fromJson("[]")).isInstanceOf(CorruptedDataException.class);
    assertThatThrownBy(() -> ChangeDetector.fromJson(good.replace("\"version\":1", "\"version\":2")))
        .isInstanceOf(CorruptedDataException.class).hasMessageContaining("version 2");
    assertThatThrownBy(() -> ChangeDetector.fromJson(good.replace("page-hinkley", "magic")))
        .isInstanceOf(CorruptedDataException.class).hasMessageContaining("unknown kind 'magic'");
    assertThatThrownBy(() -> ChangeDetector.fromJson(good.replace("\"sumIncrease\"", "\"other\"")))
        .isInstanceOf(CorruptedDataException.class).hasMessageContaining("sumIncrease");
    assertThatThrownBy(() -> ChangeDetector.fromJson(good.replace("\"threshold\":50.0", "\"threshold\":-1.0")))
        .isInstanceOf(CorruptedDataException.class).hasMessageContaining("threshold");
    assertThatThrownBy(() -> ChangeDetector.fromJson(good.replace("\"mlops.change-detector\"", "\"x\"")))
        .isInstanceOf(CorruptedDataException.class).hasMessageContaining("format");
  }

  @Test
  void infiniteStateSurvivesJson() {
    ChangeDetector ddm = ChangeDetector.ddm();
    ddm.update(1);
    String json = ddm.toJson();
    assertThat(json).contains("\"pMin\":\"Infinity\"");
    assertThat(ChangeDetector.fromJson(json).toJson()).isEqualTo(json);
  }
}
