package dev.mlops.tracking.monitor;

import java.util.Random;
import java.util.function.Supplier;

/** Every built-in detector with its defaults, and a stream of the kind it reads, for tests. */
enum DetectorKind {
  ADWIN(ChangeDetector::adwin, false),
  PAGE_HINKLEY(ChangeDetector::pageHinkley, false),
  CUSUM(ChangeDetector::cusum, false),
  DDM(ChangeDetector::ddm, true),
  EDDM(ChangeDetector::eddm, true),
  HDDM_A(ChangeDetector::hddmA, true),
  HDDM_W(() -> ChangeDetector.hddmW(HddmWConfig.defaults().withTwoSided(true)), true),
  KSWIN(() -> ChangeDetector.kswin(7), false);

  private final Supplier<ChangeDetector> factory;
  private final boolean binary;

  DetectorKind(Supplier<ChangeDetector> factory, boolean binary) {
    this.factory = factory;
    this.binary = binary;
  }

  ChangeDetector create() {
    return factory.get();
  }

  boolean binary() {
    return binary;
  }

  /** A stream whose level changes at a few random points, so detectors go through warnings and drifts. */
  double[] stream(long seed, int length) {
    Random random = new Random(seed);
    double[] values = new double[length];
    double level = random.nextDouble();
    for (int i = 0; i < length; i++) {
      if (random.nextInt(300) == 0) {
        level = random.nextDouble();
      }
      values[i] = binary ? (random.nextDouble() < level ? 1.0 : 0.0) : level * 10 + random.nextGaussian();
    }
    return values;
  }
}
