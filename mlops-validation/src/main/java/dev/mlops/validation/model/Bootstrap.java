package dev.mlops.validation.model;

import dev.mlops.core.InvalidInputException;
import dev.mlops.core.work.WorkerPool;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Seeded, reproducible nonparametric bootstrap: percentile confidence intervals for any {@link Metric}
 * and paired comparisons of two models on the same rows.
 *
 * <p>Resample {@code b} draws {@code n} rows with replacement from a generator seeded by the
 * {@code b}-th number of a generator seeded by {@link Builder#seed(long)}, so results are equal across runs
 * and machines. A binary evaluation is sorted once: a resample only re-counts the weight at each distinct
 * score, so a resample of a ROC AUC costs a pass, not a sort. Resamples on which the metric is undefined
 * (one class drawn for ROC AUC, say) are skipped; if more than half are, the call fails. Intervals use
 * linear interpolation between order statistics, as NumPy's {@code percentile}.
 *
 * <p>Instances are immutable and thread-safe. Resamples run on the calling thread, or, given
 * {@link Builder#workers(WorkerPool)} (such as {@code store.workers()}), in blocks on the caller and that
 * pool's workers; the result is the same either way.
 */
public final class Bootstrap {
  /** Resamples per task on a worker pool. */
  private static final int BLOCK = 25;

  private final int resamples;
  private final double confidence;
  private final long seed;
  private final @Nullable WorkerPool workers;

  private Bootstrap(Builder b) {
    this.resamples = b.resamples;
    this.confidence = b.confidence;
    this.seed = b.seed;
    this.workers = b.workers;
  }

  /** @return a builder: 1,000 resamples, 95% confidence, seed 0 */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the number of resamples */
  public int resamples() {
    return resamples;
  }

  /** @return the confidence level */
  public double confidence() {
    return confidence;
  }

  /** @return the seed */
  public long seed() {
    return seed;
  }

  /**
   * A percentile confidence interval for a metric.
   *
   * @param evaluation the evaluation (not itself a resample)
   * @param metric the metric
   * @return the interval around the metric on all rows
   * @throws InvalidInputException if the metric does not apply, or is undefined on all rows or on more than
   *     half of the resamples
   */
  public Interval interval(Evaluation evaluation, Metric metric) {
    Objects.requireNonNull(evaluation, "evaluation");
    Objects.requireNonNull(metric, "metric");
    double estimate = metric.of(evaluation);
    double[] kept = enough(replicate(evaluation.size(), rows -> valueOrNaN(metric, evaluation.resample(rows))), metric);
    return new Interval(metric.name(), "percentile-bootstrap", estimate, percentile(kept, (1 - confidence) / 2),
        percentile(kept, 1 - (1 - confidence) / 2), confidence, standardDeviation(kept), kept.length);
  }

  /**
   * A paired bootstrap of {@code metric(challenger) - metric(champion)}: both models are evaluated on the
   * same resampled rows. The p-value is twice the smaller share of resampled differences on either side of
   * zero (with the usual +1 correction), capped at 1.
   *
   * @param challenger the challenger's evaluation
   * @param champion the champion's evaluation on the same rows (same labels and weights)
   * @param metric the metric
   * @return the comparison
   * @throws InvalidInputException if the evaluations are of different rows or kinds, or the metric is
   *     undefined as for {@link #interval}
   */
  public PairedComparison compare(Evaluation challenger, Evaluation champion, Metric metric) {
    Objects.requireNonNull(metric, "metric");
    requireSameRows(challenger, champion);
    double a = metric.of(challenger);
    double c = metric.of(champion);
    double[] kept = enough(replicate(challenger.size(),
        rows -> valueOrNaN(metric, challenger.resample(rows)) - valueOrNaN(metric, champion.resample(rows))), metric);
    int below = 0;
    int above = 0;
    for (double d : kept) {
      below += d <= 0 ? 1 : 0;
      above += d >= 0 ? 1 : 0;
    }
    double p = Math.min(1.0, 2.0 * (Math.min(below, above) + 1) / (kept.length + 1));
    return new PairedComparison(metric.name(), "paired-bootstrap", a, c, a - c, percentile(kept, (1 - confidence) / 2),
        percentile(kept, 1 - (1 - confidence) / 2), confidence, p);
  }

  static void requireSameRows(Evaluation challenger, Evaluation champion) {
    Objects.requireNonNull(challenger, "challenger");
    Objects.requireNonNull(champion, "champion");
    if (!challenger.sameRows(champion)) {
      throw new InvalidInputException("the challenger and the champion must be evaluations of the same kind on the "
          + "same rows (equal actual labels and weights) for a paired comparison");
    }
  }

  /** A statistic of one resample, given the drawn rows. */
  private interface Statistic {
    double of(int[] rows);
  }

  /** Computes the statistic on every resample, NaN where undefined, in blocks on the pool if there is one. */
  private double[] replicate(int n, Statistic statistic) {
    long[] seeds = new long[resamples];
    SplittableRandom master = new SplittableRandom(seed);
    for (int b = 0; b < resamples; b++) {
      seeds[b] = master.nextLong();
    }
    double[] values = new double[resamples];
    IntConsumer block = start -> {
      int[] rows = new int[n];
      for (int b = start; b < Math.min(resamples, start + BLOCK); b++) {
        draw(new SplittableRandom(seeds[b]), rows);
        values[b] = statistic.of(rows);
      }
    };
    if (workers == null || workers.parallelism() == 1) {
      for (int start = 0; start < resamples; start += BLOCK) {
        block.accept(start);
      }
    } else {
      workers.run(job -> {
        for (int start = 0; start < resamples; start += BLOCK) {
          int from = start;
          job.add(j -> block.accept(from));
        }
      }, "bootstrapping " + resamples + " resamples");
    }
    return values;
  }

  private static void draw(SplittableRandom random, int[] rows) {
    int n = rows.length;
    for (int i = 0; i < n; i++) {
      rows[i] = random.nextInt(n);
    }
  }

  private static double valueOrNaN(Metric metric, Evaluation e) {
    try {
      return metric.of(e);
    } catch (InvalidInputException undefined) {
      return Double.NaN;
    }
  }

  private double[] enough(double[] values, Metric metric) {
    int valid = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        values[valid++] = v;
      }
    }
    if (valid * 2 < resamples || valid == 0) {
      throw new InvalidInputException("metric '" + metric.name() + "' is undefined on " + (resamples - valid) + " of "
          + resamples + " resamples (a resample drew a single class, say); the data are too small to bootstrap it");
    }
    double[] kept = Arrays.copyOf(values, valid);
    Arrays.sort(kept);
    return kept;
  }

  /** Linear interpolation between order statistics (NumPy's default {@code percentile}). */
  static double percentile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    double frac = pos - lo;
    return sorted[lo] + (sorted[hi] - sorted[lo]) * frac;
  }

  private static double standardDeviation(double[] values) {
    if (values.length < 2) {
      return 0;
    }
    double mean = 0;
    for (double v : values) {
      mean += v / values.length;
    }
    double ss = 0;
    for (double v : values) {
      ss += (v - mean) * (v - mean);
    }
    return Math.sqrt(ss / (values.length - 1));
  }

  /** Builds a {@link Bootstrap}; not thread-safe. */
  public static final class Builder {
    private int resamples = 1000;
    private double confidence = 0.95;
    private long seed;
    private @Nullable WorkerPool workers;

    private Builder() {}

    /**
     * Runs resamples in blocks on a worker pool as well as the calling thread; results do not change.
     *
     * @param workers the pool, such as {@code store.workers()}
     * @return this builder
     */
    public Builder workers(WorkerPool workers) {
      this.workers = Objects.requireNonNull(workers, "workers");
      return this;
    }

    /**
     * @param resamples the number of resamples, at least 10
     * @return this builder
     * @throws InvalidInputException if fewer than 10
     */
    public Builder resamples(int resamples) {
      if (resamples < 10) {
        throw new InvalidInputException("resamples is " + resamples + "; a bootstrap needs at least 10");
      }
      this.resamples = resamples;
      return this;
    }

    /**
     * @param confidence the confidence level, strictly between 0 and 1
     * @return this builder
     * @throws InvalidInputException if outside (0, 1)
     */
    public Builder confidence(double confidence) {
      if (!(confidence > 0 && confidence < 1)) {
        throw new InvalidInputException("confidence is " + confidence + "; it must lie strictly between 0 and 1");
      }
      this.confidence = confidence;
      return this;
    }

    /**
     * @param seed the seed that makes the resamples reproducible
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** @return the bootstrap */
    public Bootstrap build() {
      return new Bootstrap(this);
    }
  }
}
