package dev.mlops.benchmarks.model;

import dev.mlops.core.work.WorkerPool;
import dev.mlops.validation.model.BinaryEvaluation;
import dev.mlops.validation.model.Bootstrap;
import dev.mlops.validation.model.Evaluation;
import dev.mlops.validation.model.Interval;
import dev.mlops.validation.model.Metric;
import dev.mlops.validation.model.ModelComparison;
import dev.mlops.validation.model.PairedComparison;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.jspecify.annotations.Nullable;

/**
 * Model evaluation at scale, each timed as a caller would run it (unsorted arrays in, number out):
 * ROC AUC and average precision on 10,000,000 rows, a 1,000-resample bootstrap of ROC AUC on 100,000 rows
 * and DeLong's test on 1,000,000 rows. {@code sortBaseline} sorts a copy of the 10,000,000 scores with
 * {@link Arrays#sort(double[])} in the same run, so figures from a shared machine can be read as ratios;
 * {@code scripts/model/time_sklearn_metrics.py} times scikit-learn on the same data shapes.
 *
 * <p>Scores are {@code 1 / (1 + exp(-(label ? 1 : -1) - noise))} with Gaussian noise, rounded to 1e-6 so
 * that ties occur, as with real model outputs.
 *
 * <p>Run: {@code java -Xmx3g -jar mlops-benchmarks/target/benchmarks.jar ModelMetricsBenchmark}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = {"-Xmx3g"})
public class ModelMetricsBenchmark {
  /** Ten million labelled scores. */
  @State(Scope.Benchmark)
  public static class Large {
    boolean[] actual;
    double[] score;

    /** Draws the rows once. */
    @Setup
    public void setUp() {
      actual = new boolean[10_000_000];
      score = new double[actual.length];
      fill(actual, score, null, 1);
    }
  }

  /** One hundred thousand labelled scores. */
  @State(Scope.Benchmark)
  public static class Small {
    BinaryEvaluation evaluation;

    /** Draws the rows once. */
    @Setup
    public void setUp() {
      boolean[] actual = new boolean[100_000];
      double[] score = new double[actual.length];
      fill(actual, score, null, 2);
      evaluation = Evaluation.binary(actual, score);
    }
  }

  /** One million rows scored by two correlated models. */
  @State(Scope.Benchmark)
  public static class Paired {
    boolean[] actual;
    double[] challenger;
    double[] champion;

    /** Draws the rows once. */
    @Setup
    public void setUp() {
      actual = new boolean[1_000_000];
      challenger = new double[actual.length];
      champion = new double[actual.length];
      fill(actual, challenger, champion, 3);
    }
  }

  static void fill(boolean[] actual, double[] score, double @Nullable [] second, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < actual.length; i++) {
      actual[i] = r.nextDouble() < 0.3;
      double noise = r.nextGaussian();
      score[i] = Math.rint(1e6 / (1 + Math.exp(-(actual[i] ? 1 : -1) - noise))) / 1e6;
      if (second != null) {
        second[i] = Math.rint(1e6 / (1 + Math.exp(-(actual[i] ? 0.8 : -0.8) - 0.7 * noise - 0.7 * r.nextGaussian()))) / 1e6;
      }
    }
  }

  /**
   * ROC AUC of 10M rows.
   *
   * @param s the rows
   * @return the AUC
   */
  @Benchmark
  public double rocAuc10M(Large s) {
    return Evaluation.binary(s.actual, s.score).rocAuc();
  }

  /**
   * Average precision of 10M rows.
   *
   * @param s the rows
   * @return the average precision
   */
  @Benchmark
  public double averagePrecision10M(Large s) {
    return Evaluation.binary(s.actual, s.score).averagePrecision();
  }

  /**
   * The baseline: {@link Arrays#sort(double[])} of a copy of the 10M scores.
   *
   * @param s the rows
   * @return the sorted copy
   */
  @Benchmark
  public double[] sortBaseline10M(Large s) {
    double[] copy = s.score.clone();
    Arrays.sort(copy);
    return copy;
  }

  /**
   * A 1,000-resample percentile bootstrap of ROC AUC on 100k rows.
   *
   * @param s the rows
   * @return the interval
   */
  @Benchmark
  public Interval bootstrapRocAuc100k(Small s) {
    return Bootstrap.builder().resamples(1000).seed(42).build().interval(s.evaluation, Metric.ROC_AUC);
  }

  /**
   * The same bootstrap with the shared worker pool's threads helping the caller.
   *
   * @param s the rows
   * @return the interval
   */
  @Benchmark
  public Interval bootstrapRocAuc100kPooled(Small s) {
    return Bootstrap.builder().resamples(1000).seed(42).workers(WorkerPool.shared()).build()
        .interval(s.evaluation, Metric.ROC_AUC);
  }

  /**
   * DeLong's test of two models on 1M rows, evaluations included.
   *
   * @param s the rows
   * @return the comparison
   */
  @Benchmark
  public PairedComparison delong1M(Paired s) {
    return ModelComparison.delong(Evaluation.binary(s.actual, s.challenger), Evaluation.binary(s.actual, s.champion), 0.95);
  }
}
