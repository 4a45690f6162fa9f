package dev.mlops.tracking.leaderboard;

import dev.mlops.core.InvalidInputException;
import dev.mlops.tracking.RunSnapshot;
import dev.mlops.tracking.RunStatus;
import dev.mlops.tracking.Tracker;
import dev.mlops.tracking.internal.query.Field;
import dev.mlops.tracking.internal.query.FilterParser;
import dev.mlops.tracking.internal.store.TrackingJson;
import dev.mlops.tracking.internal.store.TrackingNames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Runs of an experiment ranked by a primary metric: a direction, an aggregation of its history (last, min,
 * max, mean), optional filters on other fields, optionally the best run per group of params or tags.
 *
 * <pre>{@code
 * Leaderboard board = tracker.leaderboard("penguins")
 *     .metric("accuracy", Direction.MAXIMIZE)
 *     .filter("metrics.loss < 0.5")
 *     .groupBy("params.model")
 *     .build();
 * System.out.println(board.toTable());
 * }</pre>
 *
 * <p>Ties are broken deterministically: equal scores rank by sweep trial order (the tag
 * {@code mlops.sweep.trial}, for the trials of a sweep), then start time (earlier first), then run id.
 * NaN scores rank last. Only {@link RunStatus#FINISHED} runs take part unless {@link Builder#statuses} says
 * otherwise. Immutable once built.
 */
public final class Leaderboard {
  private final String experiment;
  private final String metric;
  private final Direction direction;
  private final Aggregation aggregation;
  private final List<String> groupBy;
  private final List<LeaderboardEntry> entries;

  private Leaderboard(String experiment, String metric, Direction direction, Aggregation aggregation,
      List<String> groupBy, List<LeaderboardEntry> entries) {
    this.experiment = experiment;
    this.metric = metric;
    this.direction = direction;
    this.aggregation = aggregation;
    this.groupBy = List.copyOf(groupBy);
    this.entries = List.copyOf(entries);
  }

  /**
   * Starts a leaderboard over an experiment of a tracker (same as {@link Tracker#leaderboard(String)}).
   *
   * @param tracker the tracker
   * @param experiment the experiment name
   * @return the builder
   */
  public static Builder builder(Tracker tracker, String experiment) {
    return new Builder(Objects.requireNonNull(tracker, "tracker"), Objects.requireNonNull(experiment, "experiment"));
  }

  /** @return the rows, best first */
  public List<LeaderboardEntry> entries() {
    return entries;
  }

  /** @return the best row, if any run qualified */
  public Optional<LeaderboardEntry> best() {
    return entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(0));
  }

  /** @return the primary metric */
  public String metric() {
    return metric;
  }

  /** @return the direction */
  public Direction direction() {
    return direction;
  }

  /** @return the aggregation */
  public Aggregation aggregation() {
    return aggregation;
  }

  /**
   * Renders a fixed-width text table: rank, run, name, score, group fields and params.
   *
   * @return the table, one line per row after a header
   */
  public String toTable() {
    Set<String> paramKeys = new TreeSet<>();
    entries.forEach(e -> paramKeys.addAll(e.params().keySet()));
    List<String> header = new ArrayList<>(List.of("rank", "run", "name", aggregation.name().toLowerCase(java.util.Locale.ROOT)
        + "(" + metric + ")"));
    header.addAll(groupBy);
    paramKeys.forEach(k -> header.add("params." + k));
    List<List<String>> rows = new ArrayList<>();
    rows.add(header);
    for (LeaderboardEntry e : entries) {
      List<String> row = new ArrayList<>(List.of(String.valueOf(e.rank()), e.runId().substring(0, 8), e.runName(),
          formatScore(e.score())));
      groupBy.forEach(g -> row.add(e.group().getOrDefault(g, "")));
      paramKeys.forEach(k -> row.add(e.params().getOrDefault(k, "")));
      rows.add(row);
    }
    int[] width = new int[header.size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        width[i] = Math.max(width[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(i == 0 ? "" : "  ").append(String.format("%-" + width[i] + "s", row.get(i)));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  private static String formatScore(double v) {
    return Double.isFinite(v) ? String.format(java.util.Locale.ROOT, "%.6f", v) : String.valueOf(v);
  }

  /**
   * Renders the leaderboard as JSON: experiment, metric, direction, aggregation, group-by fields and the rows
   * (scores that are NaN or infinite are written as strings).
   *
   * @return the JSON text
   */
  public String toJson() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("experiment", experiment);
    root.put("metric", metric);
    root.put("direction", direction.name());
    root.put("aggregation", aggregation.name());
    root.put("groupBy", groupBy);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (LeaderboardEntry e : entries) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("rank", e.rank());
      row.put("runId", e.runId());
      row.put("runName", e.runName());
      row.put("score", e.score());
      row.put("group", e.group());
      row.put("params", e.params());
      row.put("metrics", e.metrics());
      rows.add(row);
    }
    root.put("entries", rows);
    return new String(TrackingJson.write(root), StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return toTable();
  }

  /** Configures and builds a {@link Leaderboard}. Not thread-safe. */
  public static final class Builder {
    private final Tracker tracker;
    private final String experiment;
    private @Nullable String metric;
    private Direction direction = Direction.MAXIMIZE;
    private Aggregation aggregation = Aggregation.LAST;
    private final List<String> filters = new ArrayList<>();
    private final List<String> groupBy = new ArrayList<>();
    private Set<RunStatus> statuses = EnumSet.of(RunStatus.FINISHED);
    private @Nullable String parentRunId;
    private int limit = Integer.MAX_VALUE;

    private Builder(Tracker tracker, String experiment) {
      this.tracker = tracker;
      this.experiment = experiment;
    }

    /**
     * Sets the primary metric and direction.
     *
     * @param key the metric key
     * @param direction which way is better
     * @return this builder
     */
    public Builder metric(String key, Direction direction) {
      this.metric = TrackingNames.requireValidKey("metric", key);
      this.direction = Objects.requireNonNull(direction, "direction");
      return this;
    }

    /**
     * Sets how the metric's history becomes a score (default {@link Aggregation#LAST}).
     *
     * @param aggregation the aggregation
     * @return this builder
     */
    public Builder aggregation(Aggregation aggregation) {
      this.aggregation = Objects.requireNonNull(aggregation, "aggregation");
      return this;
    }

    /**
     * Adds a filter in the search grammar (several are ANDed), for example {@code "metrics.loss < 0.5"}.
     *
     * @param filter the filter
     * @return this builder
     */
    public Builder filter(String filter) {
      FilterParser.parse(filter);
      filters.add("(" + filter + ")");
      return this;
    }

    /**
     * Keeps only runs whose tag has the same value as in a reference run, for example the runs trained on
     * the same dataset version or with the same fingerprint as a baseline.
     *
     * @param tagKey the tag, such as {@code mlops.fingerprint} or {@code mlops.input.train}
     * @param referenceRunId the run whose value to match
     * @return this builder
     * @throws InvalidInputException if the reference run has no such tag
     * @throws dev.mlops.core.NotFoundException if the reference run does not exist
     */
    public Builder sameTagAs(String tagKey, String referenceRunId) {
      TrackingNames.requireValidKey("tag", tagKey);
      String value = tracker.getRun(referenceRunId).tags().get(tagKey);
      if (value == null) {
        throw new InvalidInputException("reference run " + referenceRunId + " has no tag '" + tagKey + "'");
      }
      filters.add("tags.`" + tagKey.replace("`", "``") + "` = '" + value.replace("'", "''") + "'");
      return this;
    }

    /**
     * Keeps only the best run of each group of values of these fields ({@code params.x}, {@code tags.y}).
     *
     * @param fields the fields
     * @return this builder
     * @throws InvalidInputException if a field is malformed
     */
    public Builder groupBy(String... fields) {
      for (String f : fields) {
        FilterParser.parseOrderBy(f);
        groupBy.add(f);
      }
      return this;
    }

    /**
     * Sets which statuses take part (default FINISHED only).
     *
     * @param first a status
     * @param more more statuses
     * @return this builder
     */
    public Builder statuses(RunStatus first, RunStatus... more) {
      this.statuses = EnumSet.of(first, more);
      return this;
    }

    /**
     * Keeps only the children of one run (for example the trials of a sweep).
     *
     * @param parentRunId the parent's id
     * @return this builder
     */
    public Builder childrenOf(String parentRunId) {
      this.parentRunId = Objects.requireNonNull(parentRunId, "parentRunId");
      return this;
    }

    /**
     * Keeps only the top rows.
     *
     * @param n at least 1
     * @return this builder
     */
    public Builder limit(int n) {
      if (n < 1) {
        throw new InvalidInputException("leaderboard limit must be >= 1, got " + n);
      }
      this.limit = n;
      return this;
    }

    /**
     * Reads the runs and ranks them.
     *
     * @return the leaderboard
     * @throws InvalidInputException if no metric was set
     * @throws dev.mlops.core.NotFoundException if the experiment does not exist
     */
    public Leaderboard build() {
      if (metric == null) {
        throw new InvalidInputException("a leaderboard needs a primary metric: call metric(key, direction)");
      }
      String key = metric;
      List<String> clauses = new ArrayList<>(filters);
      clauses.add("metrics.`" + key + "` IS NOT NULL");
      List<Field> groupFields = new ArrayList<>();
      groupBy.forEach(g -> groupFields.add(FilterParser.parseOrderBy(g).field()));
      List<Scored> scored = new ArrayList<>();
      for (RunSnapshot run : tracker.searchRuns(experiment, String.join(" AND ", clauses))) {
        if (!statuses.contains(run.status()) || (parentRunId != null && !run.parentId().equals(Optional.of(parentRunId)))) {
          continue;
        }
        double score = aggregation == Aggregation.LAST ? run.metrics().get(key)
            : aggregation.apply(tracker.metricHistory(run.id(), key));
        scored.add(new Scored(run, score));
      }
      Comparator<Scored> order = (a, b) -> {
        boolean an = Double.isNaN(a.score);
        boolean bn = Double.isNaN(b.score);
        if (an != bn) {
          return an ? 1 : -1;
        }
        int c = direction == Direction.MAXIMIZE ? Double.compare(b.score, a.score) : Double.compare(a.score, b.score);
        if (c != 0) {
          return c;
        }
        c = Long.compare(trialOrder(a.run), trialOrder(b.run));
        if (c != 0) {
          return c;
        }
        c = a.run.startTime().compareTo(b.run.startTime());
        return c != 0 ? c : a.run.id().compareTo(b.run.id());
      };
      scored.sort(order);
      List<LeaderboardEntry> entries = new ArrayList<>();
      Set<List<String>> seenGroups = new java.util.HashSet<>();
      for (Scored s : scored) {
        Map<String, String> group = new LinkedHashMap<>();
        for (int i = 0; i < groupFields.size(); i++) {
          Object v = groupFields.get(i).value(s.run);
          group.put(groupBy.get(i), v == null ? "" : String.valueOf(v));
        }
        if (!groupFields.isEmpty() && !seenGroups.add(new ArrayList<>(group.values()))) {
          continue;
        }
        if (entries.size() == limit) {
          break;
        }
        entries.add(new LeaderboardEntry(entries.size() + 1, s.run.id(), s.run.name(), s.score, group,
            s.run.params(), s.run.metrics()));
      }
      return new Leaderboard(experiment, key, direction, aggregation, groupBy, entries);
    }
  }

  /** A sweep trial's index (its tag {@code mlops.sweep.trial}), or the largest long for other runs. */
  private static long trialOrder(RunSnapshot run) {
    String t = run.tags().get("mlops.sweep.trial");
    if (t != null) {
      try {
        return Long.parseLong(t);
      } catch (NumberFormatException notATrial) {
        // a user's own tag of that name: rank as any other run
      }
    }
    return Long.MAX_VALUE;
  }

  private static final class Scored {
    final RunSnapshot run;
    final double score;

    Scored(RunSnapshot run, double score) {
      this.run = run;
      this.score = score;
    }
  }
}
