package dev.mlops.tracking.sweep;

import dev.mlops.core.InvalidInputException;
import dev.mlops.core.MlopsException;
import dev.mlops.core.work.WorkerPool;
import dev.mlops.tracking.Run;
import dev.mlops.tracking.Tracker;
import dev.mlops.tracking.internal.store.TrackingNames;
import dev.mlops.tracking.leaderboard.Aggregation;
import dev.mlops.tracking.leaderboard.Direction;
import dev.mlops.tracking.leaderboard.Leaderboard;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hyperparameter sweep: grid search or seeded random search that runs a training function once per
 * trial, each as a child run of one parent run, optionally in parallel, under a trial and time budget, and
 * returns the leaderboard of its trials.
 *
 * <pre>{@code
 * SweepResult result = Sweep.builder(tracker, "penguins")
 *     .choice("lr", 0.01, 0.1, 1.0)
 *     .choice("l2", 0.0, 0.001)
 *     .objective("accuracy", Direction.MAXIMIZE)
 *     .parallelism(2)
 *     .build()
 *     .run((run, params) -> run.logMetric("accuracy", train(params)));
 * }</pre>
 *
 * <p>Trials run on the store's {@linkplain dev.mlops.core.MlopsStore#workers() workers}, the calling thread
 * included, at most {@link Builder#parallelism(int)} at a time (and no more than the pool's parallelism);
 * the sweep starts no thread of its own.
 *
 * <p>A trial that throws ends FAILED with its exception's message and stack trace in its run's tags
 * ({@link Run#fail(Throwable)}) and a warning in the log; the sweep goes on. Trials with equal scores rank
 * in trial order. A strict tracker ({@link dev.mlops.tracking.TrackerOptions#strictKeys()}) fails a sweep
 * whose objective no trial logged; otherwise the log says which logged metrics are closest.
 *
 * <p>Random search draws every trial's values up front from one generator seeded by
 * {@link Builder#random(int, long)}, so the same seed gives the same trials whatever the parallelism.
 * Immutable; {@link #run} may be called more than once (each call is a new sweep).
 */
public final class Sweep {
  /** The tag holding a trial's index in the plan; leaderboards break ties by it. */
  public static final String TRIAL_TAG = "mlops.sweep.trial";
  private static final Logger LOG = LoggerFactory.getLogger(Sweep.class);

  private final Tracker tracker;
  private final String experiment;
  private final String name;
  private final Map<String, ParameterRange> space;
  private final boolean random;
  private final int trials;
  private final long seed;
  private final int parallelism;
  private final @Nullable Duration timeBudget;
  private final String objective;
  private final Direction direction;
  private final Aggregation aggregation;

  private Sweep(Builder b, String objective) {
    this.tracker = b.tracker;
    this.experiment = b.experiment;
    this.name = b.name;
    this.space = new LinkedHashMap<>(b.space);
    this.random = b.random;
    this.trials = b.trials;
    this.seed = b.seed;
    this.parallelism = b.parallelism;
    this.timeBudget = b.timeBudget;
    this.objective = objective;
    this.direction = b.direction;
    this.aggregation = b.aggregation;
  }

  /**
   * Starts configuring a sweep.
   *
   * @param tracker the tracker
   * @param experiment the experiment the runs go to
   * @return the builder
   */
  public static Builder builder(Tracker tracker, String experiment) {
    return new Builder(Objects.requireNonNull(tracker, "tracker"), TrackingNames.requireValidKey("experiment", experiment));
  }

  /**
   * Lists the hyperparameters of every planned trial, in order (the grid's cartesian product, or the
   * seeded random draws), capped by the trial budget.
   *
   * @return the plan
   */
  public List<Map<String, Object>> plan() {
    List<Map<String, Object>> out = new ArrayList<>();
    if (random) {
      SplittableRandom rng = new SplittableRandom(seed);
      for (int i = 0; i < trials; i++) {
        Map<String, Object> p = new LinkedHashMap<>();
        space.forEach((k, r) -> p.put(k, r.sample(rng)));
        out.add(p);
      }
      return out;
    }
    List<String> names = new ArrayList<>(space.keySet());
    List<List<Object>> values = new ArrayList<>();
    names.forEach(n -> values.add(space.get(n).enumerate(n)));
    int[] index = new int[names.size()];
    while (out.size() < trials) {
      Map<String, Object> p = new LinkedHashMap<>();
      for (int i = 0; i < names.size(); i++) {
        p.put(names.get(i), values.get(i).get(index[i]));
      }
      out.add(p);
      int d = names.size() - 1;
      while (d >= 0 && ++index[d] == values.get(d).size()) {
        index[d] = 0;
        d--;
      }
      if (d < 0) {
        break;
      }
    }
    return out;
  }

  /**
   * Runs the sweep: a parent run, then one child run per planned trial (FAILED if the function throws),
   * stopping to start new trials once the time budget is spent.
   *
   * @param function the training code
   * @return the result with the leaderboard of finished trials
   * @throws MlopsException if the sweep is interrupted
   */
  public SweepResult run(TrialFunction function) {
    Objects.requireNonNull(function, "function");
    List<Map<String, Object>> plan = plan();
    long deadline = timeBudget == null ? Long.MAX_VALUE : System.nanoTime() + timeBudget.toNanos();
    AtomicInteger started = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicInteger skipped = new AtomicInteger();
    Run parent = tracker.newRun(experiment).name(name).tag("mlops.sweep", random ? "random" : "grid").start();
    try {
      parent.logParam("sweep.strategy", random ? "random" : "grid");
      parent.logParam("sweep.trials", plan.size());
      if (random) {
        parent.logParam("sweep.seed", seed);
      }
      parent.logParam("sweep.space", space.toString());
      WorkerPool workers = tracker.store().workers();
      WorkerPool trials = WorkerPool.using(workers.executor(), Math.min(parallelism, workers.parallelism()));
      trials.run(job -> {
        for (int i = 0; i < plan.size(); i++) {
          int trial = i;
          job.add(t -> {
            if (System.nanoTime() > deadline) {
              skipped.incrementAndGet();
              return;
            }
            started.incrementAndGet();
            if (!runTrial(parent, trial, plan.get(trial), function)) {
              failed.incrementAndGet();
            }
          });
        }
      }, "sweep '" + name + "'");
      parent.logMetric("trials_run", started.get());
      parent.logMetric("trials_failed", failed.get());
      parent.logMetric("trials_skipped", skipped.get());
      parent.finish();
      Leaderboard board = tracker.leaderboard(experiment).metric(objective, direction).aggregation(aggregation)
          .childrenOf(parent.id()).build();
      return new SweepResult(parent.id(), started.get(), failed.get(), skipped.get(), board);
    } catch (RuntimeException | Error e) {
      parent.fail(e);
      throw e;
    }
  }

  private boolean runTrial(Run parent, int trial, Map<String, Object> params, TrialFunction function) {
    // the parent's id makes trial names unique across sweeps of the same name
    Run run = tracker.newRun(experiment).name(name + "-" + parent.id().substring(0, 8) + "-" + trial)
        .parent(parent.id()).tag(TRIAL_TAG, String.valueOf(trial)).start();
    try {
      run.logParams(params);
      function.train(run, new TrialParams(params));
    } catch (Exception e) {
      LOG.warn("sweep '{}' trial {} (run {}) failed with params {}", name, trial, run.id(), params, e);
      run.fail(e);
      return false;
    }
    run.finish();
    return true;
  }

  /** Configures a {@link Sweep}. Not thread-safe. */
  public static final class Builder {
    private final Tracker tracker;
    private final String experiment;
    private String name = "sweep";
    private final Map<String, ParameterRange> space = new LinkedHashMap<>();
    private boolean random;
    private int trials = Integer.MAX_VALUE;
    private long seed;
    private int parallelism = 1;
    private @Nullable Duration timeBudget;
    private @Nullable String objective;
    private Direction direction = Direction.MAXIMIZE;
    private Aggregation aggregation = Aggregation.LAST;

    private Builder(Tracker tracker, String experiment) {
      this.tracker = tracker;
      this.experiment = experiment;
    }

    /**
     * Names the sweep: the parent run's name; trials are named {@code name-<first 8 characters of the
     * parent's id>-i}, so two sweeps of one name never share a trial name.
     *
     * @param sweepName up to 240 characters
     * @return this builder
     */
    public Builder name(String sweepName) {
      if (sweepName.isEmpty() || sweepName.length() > 240) {
        throw new InvalidInputException("sweep name must have 1 to 240 characters");
      }
      this.name = sweepName;
      return this;
    }

    /**
     * Adds a hyperparameter with a list of values.
     *
     * @param param the param key
     * @param values at least one value
     * @return this builder
     */
    public Builder choice(String param, Object... values) {
      return range(param, new ParameterRange.Choice(Arrays.asList(values)));
    }

    /**
     * Adds an integer hyperparameter.
     *
     * @param param the param key
     * @param min the lower bound, included
     * @param max the upper bound, included
     * @return this builder
     */
    public Builder intRange(String param, int min, int max) {
      return range(param, new ParameterRange.IntRange(min, max));
    }

    /**
     * Adds a real hyperparameter drawn uniformly (random search only).
     *
     * @param param the param key
     * @param min the lower bound
     * @param max the upper bound
     * @return this builder
     */
    public Builder uniform(String param, double min, double max) {
      return range(param, new ParameterRange.RealRange(min, max, false));
    }

    /**
     * Adds a real hyperparameter drawn log-uniformly (random search only).
     *
     * @param param the param key
     * @param min the positive lower bound
     * @param max the upper bound
     * @return this builder
     */
    public Builder logUniform(String param, double min, double max) {
      return range(param, new ParameterRange.RealRange(min, max, true));
    }

    /**
     * Adds a hyperparameter with any range.
     *
     * @param param the param key
     * @param range the range
     * @return this builder
     */
    public Builder range(String param, ParameterRange range) {
      TrackingNames.requireValidKey("param", param);
      if (space.putIfAbsent(param, Objects.requireNonNull(range, "range")) != null) {
        throw new InvalidInputException("hyperparameter '" + param + "' is declared twice");
      }
      return this;
    }

    /**
     * Uses grid search (the default): every combination, up to the trial budget.
     *
     * @return this builder
     */
    public Builder grid() {
      this.random = false;
      return this;
    }

    /**
     * Uses random search with a seed.
     *
     * @param count how many trials to draw
     * @param randomSeed the seed
     * @return this builder
     */
    public Builder random(int count, long randomSeed) {
      if (count < 1) {
        throw new InvalidInputException("random search needs at least one trial, got " + count);
      }
      this.random = true;
      this.trials = count;
      this.seed = randomSeed;
      return this;
    }

    /**
     * Caps the number of trials.
     *
     * @param max at least 1
     * @return this builder
     */
    public Builder maxTrials(int max) {
      if (max < 1) {
        throw new InvalidInputException("max trials must be >= 1, got " + max);
      }
      this.trials = Math.min(trials, max);
      return this;
    }

    /**
     * Stops starting new trials after a duration (running ones finish).
     *
     * @param budget positive
     * @return this builder
     */
    public Builder timeBudget(Duration budget) {
      if (budget.isNegative() || budget.isZero()) {
        throw new InvalidInputException("time budget must be positive, got " + budget);
      }
      this.timeBudget = budget;
      return this;
    }

    /**
     * Runs up to this many trials at once, on the calling thread and the store's workers (never more than
     * {@link dev.mlops.core.work.WorkerPool#parallelism()} of them).
     *
     * @param threads 1 to 256
     * @return this builder
     */
    public Builder parallelism(int threads) {
      if (threads < 1 || threads > 256) {
        throw new InvalidInputException("parallelism must be between 1 and 256, got " + threads);
      }
      this.parallelism = threads;
      return this;
    }

    /**
     * Sets the metric that ranks trials.
     *
     * @param metric the metric key
     * @param dir which way is better
     * @return this builder
     */
    public Builder objective(String metric, Direction dir) {
      return objective(metric, dir, Aggregation.LAST);
    }

    /**
     * Sets the metric that ranks trials and how a trial's history of it becomes its score: the last value
     * (by step), or the best over all steps ({@link Aggregation#MIN} of a loss, {@link Aggregation#MAX} of an
     * accuracy), or the mean.
     *
     * @param metric the metric key
     * @param dir which way is better
     * @param over how the steps of one trial are aggregated
     * @return this builder
     */
    public Builder objective(String metric, Direction dir, Aggregation over) {
      this.objective = TrackingNames.requireValidKey("metric", metric);
      this.direction = Objects.requireNonNull(dir, "direction");
      this.aggregation = Objects.requireNonNull(over, "aggregation");
      return this;
    }

    /**
     * Builds the sweep.
     *
     * @return the sweep
     * @throws InvalidInputException if there is no hyperparameter or no objective, or a grid has a continuous range
     */
    public Sweep build() {
      if (space.isEmpty()) {
        throw new InvalidInputException("a sweep needs at least one hyperparameter");
      }
      if (objective == null) {
        throw new InvalidInputException("a sweep needs an objective: call objective(metric, direction)");
      }
      if (!random) {
        space.forEach((k, r) -> r.enumerate(k));
      }
      return new Sweep(this, objective);
    }
  }
}
