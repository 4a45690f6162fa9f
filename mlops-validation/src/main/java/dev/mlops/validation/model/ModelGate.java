package dev.mlops.validation.model;

import dev.mlops.core.InvalidInputException;
import dev.mlops.validation.Table;
import dev.mlops.validation.internal.model.GateJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A quality gate a challenger model must pass before promotion, as data: absolute thresholds on metrics,
 * "not worse than the champion" with statistical confidence, per-slice minimums and fairness maxima -
 * TensorFlow Model Analysis's blessing and {@code mlflow.evaluate}'s validation thresholds in one place.
 *
 * <pre>{@code
 * ModelGate gate = ModelGate.builder("sex-classifier")
 *     .atLeast(Metric.ROC_AUC, 0.80)
 *     .notWorseThanChampion(Metric.ROC_AUC, 0.01)
 *     .sliceAtLeast("species", Metric.ACCURACY, 0.70)
 *     .fairnessAtMost("island", FairnessMetric.DEMOGRAPHIC_PARITY_DIFFERENCE, 0.25)
 *     .build();
 * GateResult result = gate.evaluate(table, challenger, champion);
 * }</pre>
 *
 * <p>A champion requirement compares the two models on the same rows: for ROC AUC without weights by
 * DeLong's test, otherwise by a paired bootstrap with the gate's seed; it passes when the end of the
 * difference's two-sided confidence interval on the challenger's unfavourable side stays within the
 * margin (for a metric where higher is better, {@code lower(challenger - champion) >= -margin}). Without a
 * champion it is skipped. A slice requirement checks every slice with at least
 * {@link Builder#minSliceSize(int)} rows and ignores slices where the metric is undefined; with no such
 * slice it is skipped. Threshold metrics and fairness use {@link Builder#threshold(double)}.
 *
 * <p>Gates are immutable, thread-safe values; {@link #toJson()} and {@link #fromJson(String)} keep them
 * in files next to suites.
 */
public final class ModelGate {
  private final String name;
  private final List<Requirement> requirements;
  private final double threshold;
  private final int minSliceSize;
  private final double confidence;
  private final int resamples;
  private final long seed;

  private ModelGate(Builder b) {
    this.name = b.name;
    this.requirements = List.copyOf(b.requirements);
    this.threshold = b.threshold;
    this.minSliceSize = b.minSliceSize;
    this.confidence = b.confidence;
    this.resamples = b.resamples;
    this.seed = b.seed;
  }

  /**
   * Starts a gate.
   *
   * @param name the gate's name
   * @return a builder
   * @throws InvalidInputException if the name is blank
   */
  public static Builder builder(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new InvalidInputException("a gate's name must not be blank");
    }
    return new Builder(name);
  }

  /** @return the name */
  public String name() {
    return name;
  }

  /** @return the requirements, in order */
  public List<Requirement> requirements() {
    return requirements;
  }

  /** @return the decision threshold for threshold metrics and fairness */
  public double threshold() {
    return threshold;
  }

  /** @return the smallest slice a slice requirement checks */
  public int minSliceSize() {
    return minSliceSize;
  }

  /** @return the confidence of champion comparisons */
  public double confidence() {
    return confidence;
  }

  /** @return the bootstrap resamples of champion comparisons */
  public int resamples() {
    return resamples;
  }

  /** @return the bootstrap seed */
  public long seed() {
    return seed;
  }

  /**
   * Judges a challenger, and optionally a champion, on the rows of a table.
   *
   * @param table the evaluation rows, with label, prediction and slice columns
   * @param challenger the challenger's columns
   * @param champion the champion's columns on the same rows, or {@code null} if there is no champion yet
   * @return the verdict
   * @throws InvalidInputException if a column is missing or malformed, the two models are of different
   *     kinds or label columns, or a metric does not apply to the model's kind
   */
  public GateResult evaluate(Table table, Predictions challenger, @Nullable Predictions champion) {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(challenger, "challenger");
    if (champion != null && (champion.task() != challenger.task()
        || !champion.actualColumn().equals(challenger.actualColumn())
        || !Objects.equals(champion.weightColumn(), challenger.weightColumn()))) {
      throw new InvalidInputException("the champion must be the same kind of model with the same label and weight "
          + "columns as the challenger: " + challenger + " vs " + champion);
    }
    Evaluation mine = challenger.evaluate(table);
    Evaluation theirs = champion == null ? null : champion.evaluate(table);
    List<RequirementResult> out = new ArrayList<>();
    for (Requirement r : requirements) {
      out.add(switch (r.kind()) {
        case ABSOLUTE -> absolute(r, mine);
        case CHAMPION -> relative(r, mine, theirs);
        case SLICE -> slices(r, table, challenger);
        case FAIRNESS -> fairness(r, table, challenger);
      });
    }
    boolean failed = out.stream().anyMatch(x -> x.status() == GateStatus.FAILED);
    return new GateResult(name, failed ? GateStatus.FAILED : GateStatus.PASSED, out);
  }

  private Metric metric(Requirement r) {
    Metric m = Metric.named(r.metric());
    if (r.metric().indexOf('@') < 0 && threshold != 0.5 && Metric.thresholded(r.metric())) {
      return Metric.named(r.metric() + "@" + threshold);
    }
    return m;
  }

  private static boolean meets(Requirement r, double value) {
    return r.atLeast() ? value >= r.bound() : value <= r.bound();
  }

  private RequirementResult absolute(Requirement r, Evaluation e) {
    double v;
    try {
      v = metric(r).of(e);
    } catch (InvalidInputException undefined) {
      return new RequirementResult(r, GateStatus.FAILED, Double.NaN, r.metric() + " is undefined: " + undefined.getMessage());
    }
    boolean ok = meets(r, v);
    return new RequirementResult(r, ok ? GateStatus.PASSED : GateStatus.FAILED, v,
        String.format(Locale.ROOT, "%s is %.6g, %s %s %.6g", r.metric(), v, ok ? "meeting" : "not meeting",
            r.atLeast() ? "the minimum" : "the maximum", r.bound()));
  }

  private RequirementResult relative(Requirement r, Evaluation mine, @Nullable Evaluation theirs) {
    if (theirs == null) {
      return new RequirementResult(r, GateStatus.SKIPPED, Double.NaN, "there is no champion to compare with");
    }
    Metric m = metric(r);
    PairedComparison c;
    try {
      if (m.name().equals("roc_auc") && mine instanceof BinaryEvaluation a && theirs instanceof BinaryEvaluation b
          && a.weights() == null) {
        c = ModelComparison.delong(a, b, confidence);
      } else {
        c = Bootstrap.builder().resamples(resamples).confidence(confidence).seed(seed).build().compare(mine, theirs, m);
      }
    } catch (InvalidInputException undefined) {
      return new RequirementResult(r, GateStatus.FAILED, Double.NaN,
          "cannot compare " + m.name() + " with the champion: " + undefined.getMessage());
    }
    double worst = m.higherIsBetter() ? c.lower() : c.upper();
    boolean ok = m.higherIsBetter() ? worst >= -r.bound() : worst <= r.bound();
    String reason = String.format(Locale.ROOT,
        "challenger %.6g vs champion %.6g: difference %+.6g, %.0f%% interval [%+.6g, %+.6g] (%s, p=%.3g); "
            + "the challenger is %s worse by more than %.6g", c.challenger(), c.champion(), c.difference(),
        confidence * 100, c.lower(), c.upper(), c.method(), c.pValue(), ok ? "not" : "possibly", r.bound());
    return new RequirementResult(r, ok ? GateStatus.PASSED : GateStatus.FAILED, worst, reason);
  }

  private RequirementResult slices(Requirement r, Table table, Predictions p) {
    Metric m = metric(r);
    SliceReport report = SlicedEvaluation.builder(table, p).metrics(m).by(r.column()).minSliceSize(minSliceSize)
        .build().evaluate();
    SliceResult worst = null;
    int small = 0;
    int undefined = 0;
    for (SliceResult s : report.slices()) {
      if (s.tooSmall()) {
        small++;
        continue;
      }
      double v = s.metric(m);
      if (Double.isNaN(v)) {
        undefined++;
        continue;
      }
      if (worst == null || (r.atLeast() ? v < worst.metric(m) : v > worst.metric(m))) {
        worst = s;
      }
    }
    String skipped = (small == 0 ? "" : "; " + small + " slice(s) below " + minSliceSize + " rows skipped")
        + (undefined == 0 ? "" : "; " + undefined + " slice(s) where " + m.name() + " is undefined skipped");
    if (worst == null) {
      return new RequirementResult(r, GateStatus.SKIPPED, Double.NaN, "no slice of " + r.column() + " to check" + skipped);
    }
    double v = worst.metric(m);
    boolean ok = meets(r, v);
    return new RequirementResult(r, ok ? GateStatus.PASSED : GateStatus.FAILED, v,
        String.format(Locale.ROOT, "worst slice %s (%d rows) has %s %.6g%s", worst.label(), worst.rows(), m.name(), v,
            skipped));
  }

  private RequirementResult fairness(Requirement r, Table table, Predictions p) {
    FairnessReport report = FairnessReport.of(table, p, r.column(), threshold);
    FairnessMetric f = FairnessMetric.named(r.metric());
    double v = report.value(f);
    boolean ok = meets(r, v);
    StringBuilder groups = new StringBuilder();
    for (GroupRates g : report.groups()) {
      groups.append(groups.length() == 0 ? "" : ", ").append(g.group()).append(String.format(Locale.ROOT,
          " (selection %.3f, TPR %.3f, FPR %.3f)", g.selectionRate(), g.truePositiveRate(), g.falsePositiveRate()));
    }
    return new RequirementResult(r, ok ? GateStatus.PASSED : GateStatus.FAILED, v,
        String.format(Locale.ROOT, "%s over %s is %.6g at threshold %s: %s", f.metricName(), r.column(), v, threshold,
            groups));
  }

  /** @return the gate as pretty-printed JSON ({@value GateJson#GATE_SCHEMA}) */
  public String toJson() {
    return GateJson.gateToJson(this);
  }

  /**
   * Reads a gate written by {@link #toJson()}.
   *
   * @param json the JSON text
   * @return the gate
   * @throws InvalidInputException if malformed, of another schema, or naming an unknown metric
   */
  public static ModelGate fromJson(String json) {
    return GateJson.gateFromJson(json);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ModelGate g && g.name.equals(name) && g.requirements.equals(requirements)
        && Double.compare(g.threshold, threshold) == 0 && g.minSliceSize == minSliceSize
        && Double.compare(g.confidence, confidence) == 0 && g.resamples == resamples && g.seed == seed;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, requirements, threshold, minSliceSize, confidence, resamples, seed);
  }

  @Override
  public String toString() {
    return "ModelGate[" + name + ", " + requirements.size() + " requirements]";
  }

  /** Builds a {@link ModelGate}; not thread-safe. */
  public static final class Builder {
    private final String name;
    private final List<Requirement> requirements = new ArrayList<>();
    private double threshold = 0.5;
    private int minSliceSize = 1;
    private double confidence = 0.95;
    private int resamples = 1000;
    private long seed;

    private Builder(String name) {
      this.name = name;
    }

    /**
     * Requires a metric on all rows to be at least a bound.
     *
     * @param metric a built-in metric
     * @param bound the minimum
     * @return this builder
     */
    public Builder atLeast(Metric metric, double bound) {
      return add(new Requirement(Requirement.Kind.ABSOLUTE, metric.name(), null, true, bound));
    }

    /**
     * Requires a metric on all rows to be at most a bound.
     *
     * @param metric a built-in metric
     * @param bound the maximum
     * @return this builder
     */
    public Builder atMost(Metric metric, double bound) {
      return add(new Requirement(Requirement.Kind.ABSOLUTE, metric.name(), null, false, bound));
    }

    /**
     * Requires the challenger not to be worse than the champion by more than a margin, at the gate's
     * confidence.
     *
     * @param metric a built-in metric
     * @param margin the tolerated loss, not negative
     * @return this builder
     */
    public Builder notWorseThanChampion(Metric metric, double margin) {
      return add(new Requirement(Requirement.Kind.CHAMPION, metric.name(), null, metric.higherIsBetter(), margin));
    }

    /**
     * Requires a metric to be at least a bound on every large enough slice of a column.
     *
     * @param column the slice column
     * @param metric a built-in metric
     * @param bound the minimum
     * @return this builder
     */
    public Builder sliceAtLeast(String column, Metric metric, double bound) {
      return add(new Requirement(Requirement.Kind.SLICE, metric.name(), column, true, bound));
    }

    /**
     * Requires a metric to be at most a bound on every large enough slice of a column.
     *
     * @param column the slice column
     * @param metric a built-in metric
     * @param bound the maximum
     * @return this builder
     */
    public Builder sliceAtMost(String column, Metric metric, double bound) {
      return add(new Requirement(Requirement.Kind.SLICE, metric.name(), column, false, bound));
    }

    /**
     * Requires a fairness metric over a sensitive column to be at most a bound (for the differences).
     *
     * @param column the sensitive column
     * @param metric the fairness metric
     * @param bound the maximum
     * @return this builder
     */
    public Builder fairnessAtMost(String column, FairnessMetric metric, double bound) {
      return add(new Requirement(Requirement.Kind.FAIRNESS, metric.metricName(), column, false, bound));
    }

    /**
     * Requires a fairness metric over a sensitive column to be at least a bound (for the ratio).
     *
     * @param column the sensitive column
     * @param metric the fairness metric
     * @param bound the minimum
     * @return this builder
     */
    public Builder fairnessAtLeast(String column, FairnessMetric metric, double bound) {
      return add(new Requirement(Requirement.Kind.FAIRNESS, metric.metricName(), column, true, bound));
    }

    /**
     * Adds a requirement given as data.
     *
     * @param requirement the requirement
     * @return this builder
     */
    public Builder require(Requirement requirement) {
      return add(Objects.requireNonNull(requirement, "requirement"));
    }

    private Builder add(Requirement r) {
      requirements.add(r);
      return this;
    }

    /**
     * @param threshold the decision threshold of threshold metrics and fairness (default 0.5)
     * @return this builder
     * @throws InvalidInputException if not finite
     */
    public Builder threshold(double threshold) {
      if (!Double.isFinite(threshold)) {
        throw new InvalidInputException("threshold is " + threshold + "; it must be finite");
      }
      this.threshold = threshold;
      return this;
    }

    /**
     * @param rows the smallest slice checked by slice requirements (default 1)
     * @return this builder
     * @throws InvalidInputException if below 1
     */
    public Builder minSliceSize(int rows) {
      if (rows < 1) {
        throw new InvalidInputException("minSliceSize is " + rows + "; it must be at least 1");
      }
      this.minSliceSize = rows;
      return this;
    }

    /**
     * @param confidence the confidence of champion comparisons (default 0.95)
     * @return this builder
     * @throws InvalidInputException if outside (0, 1)
     */
    public Builder confidence(double confidence) {
      Bootstrap.builder().confidence(confidence);
      this.confidence = confidence;
      return this;
    }

    /**
     * @param resamples the bootstrap resamples of champion comparisons (default 1,000)
     * @return this builder
     * @throws InvalidInputException if fewer than 10
     */
    public Builder resamples(int resamples) {
      Bootstrap.builder().resamples(resamples);
      this.resamples = resamples;
      return this;
    }

    /**
     * @param seed the bootstrap seed (default 0)
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * @return the gate
     * @throws InvalidInputException if it has no requirement
     */
    public ModelGate build() {
      if (requirements.isEmpty()) {
        throw new InvalidInputException("gate '" + name + "' has no requirement");
      }
      return new ModelGate(this);
    }
  }
}
