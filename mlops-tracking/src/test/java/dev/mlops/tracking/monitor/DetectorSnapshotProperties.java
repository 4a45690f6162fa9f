package dev.mlops.tracking.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * jqwik properties: a detector restored from JSON continues exactly like the original, whatever state
 * it was saved in. Named {@code *Test} so that surefire's default includes run it.
 */
class DetectorSnapshotProperties {
  @Property(tries = 60)
  void restoredDetectorContinuesLikeTheOriginal(@ForAll DetectorKind kind, @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 1200) int savedAt) {
    double[] stream = kind.stream(seed, 1200);
    ChangeDetector original = kind.create();
    for (int i = 0; i < savedAt; i++) {
      original.update(stream[i]);
    }
    String saved = original.toJson();
    ChangeDetector restored = ChangeDetector.fromJson(saved);
    assertThat(restored.toJson()).isEqualTo(saved);
    assertThat(restored.driftDetected()).isEqualTo(original.driftDetected());
    assertThat(restored.warningDetected()).isEqualTo(original.warningDetected());
    for (int i = savedAt; i < stream.length; i++) {
      original.update(stream[i]);
      restored.update(stream[i]);
      assertThat(restored.driftDetected()).as("drift at %d", i).isEqualTo(original.driftDetected());
      assertThat(restored.warningDetected()).as("warning at %d", i).isEqualTo(original.warningDetected());
    }
    assertThat(restored.toJson()).isEqualTo(original.toJson());
  }

  @Property(tries = 40)
  void copyIsIndependentAndEqual(@ForAll DetectorKind kind, @ForAll long seed) {
    double[] stream = kind.stream(seed, 600);
    ChangeDetector original = kind.create();
    for (int i = 0; i < 300; i++) {
      original.update(stream[i]);
    }
    ChangeDetector copy = original.copy();
    String before = copy.toJson();
    for (int i = 300; i < 600; i++) {
      original.update(stream[i]);
    }
    assertThat(copy.toJson()).isEqualTo(before);
    for (int i = 300; i < 600; i++) {
      copy.update(stream[i]);
    }
    assertThat(copy.toJson()).isEqualTo(original.toJson());
  }
}
