package dev.mlops.validation.internal.rules;

import dev.mlops.core.InvalidInputException;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.Rule;
import dev.mlops.validation.RuleStatus;
import dev.mlops.validation.ValueCount;
import dev.mlops.validation.internal.engine.NumberText;
import dev.mlops.validation.internal.engine.Outcome;
import dev.mlops.validation.internal.engine.RuleKernel;
import dev.mlops.validation.internal.engine.RuleState;
import dev.mlops.validation.internal.engine.Samples;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Rules judged on exact value counts: {@code isUnique}, {@code isPrimaryKey}, {@code hasNoDuplicateRows},
 * {@code hasDistinctness}, {@code hasUniqueValueRatio}, {@code hasNumberOfDistinctValues}, {@code containsAllOf},
 * {@code hasDistinctValuesEqualTo}, {@code hasTopValuesIn}, {@code hasEntropy} and {@code hasMutualInformation}.
 * Values are compared as their text for set rules.
 */
class CountsKernel implements RuleKernel {
  /** What a counts rule measures over its value counts. */
  enum Count {
    DUPLICATES_OF_ONE(1, 1), DUPLICATES_OF_KEY(1, Integer.MAX_VALUE), DUPLICATE_ROWS(0, 0), DISTINCTNESS(1, 1),
    UNIQUE_VALUE_RATIO(1, 1), DISTINCT_COUNT(1, 1), ENTROPY(1, 1), MUTUAL_INFORMATION(2, 2), CONTAINS_ALL(1, 1),
    DISTINCT_EQUAL(1, 1), TOP_VALUES(1, 1);

    final int minColumns;
    final int maxColumns;

    Count(int minColumns, int maxColumns) {
      this.minColumns = minColumns;
      this.maxColumns = maxColumns;
    }

    boolean keyRule() {
      return this == DUPLICATES_OF_ONE || this == DUPLICATES_OF_KEY || this == DUPLICATE_ROWS;
    }

    /** Counts tuples of several columns (a whole row when the rule names none). */
    boolean compound() {
      return this == DUPLICATES_OF_KEY || this == DUPLICATE_ROWS || this == MUTUAL_INFORMATION;
    }
  }

  private final Rule rule;
  final Count count;

  CountsKernel(Rule rule, Count count) {
    this.rule = rule;
    this.count = count;
    if (!count.keyRule()) {
      Params.noMostly(rule);
    }
    Params.columns(rule, count.minColumns, count.maxColumns);
    if (rule.params().containsKey("min")) {
      Params.bounds(Params.number(rule, "min"), Params.number(rule, "max"), rule);
    }
    if (count == Count.TOP_VALUES && Params.number(rule, "k") < 1) {
      throw new InvalidInputException("hasTopValuesIn needs k >= 1, got " + rule.params().get("k"));
    }
  }

  @Override
  public Rule rule() {
    return rule;
  }

  @Override
  public @Nullable String schemaProblem(Map<String, ColumnType> schema) {
    return Params.missingColumn(rule, schema);
  }

  @Override
  public RuleState newState() {
    return new ValueCountsState(rule, count.compound(), count == Count.DUPLICATE_ROWS, this::judge);
  }

  private Outcome judge(ValueCountsState s) {
    long total = s.total + (rule.nullsFail() ? s.nulls : 0);
    if (total == 0) {
      return Outcome.noData("no non-null values to judge");
    }
    switch (count) {
      case DUPLICATES_OF_ONE:
      case DUPLICATES_OF_KEY:
      case DUPLICATE_ROWS:
        return duplicates(s, total);
      case DISTINCTNESS:
        return Outcome.inRange("distinctness", (double) s.distinct() / s.total, min(), max(), s.total);
      case UNIQUE_VALUE_RATIO: {
        long[] once = new long[1];
        s.forEach((v, n) -> once[0] += n == 1 ? 1 : 0);
        return Outcome.inRange("unique value ratio", (double) once[0] / s.distinct(), min(), max(), s.total);
      }
      case DISTINCT_COUNT:
        return Outcome.inRange("distinct count", s.distinct(), min(), max(), s.total);
      case ENTROPY:
        return Outcome.inRange("entropy", entropy(s), min(), max(), s.total);
      case MUTUAL_INFORMATION:
        return Outcome.inRange("mutual information", mutualInformation(s), min(), max(), s.total);
      case CONTAINS_ALL:
      case DISTINCT_EQUAL:
        return sets(s);
      default:
        return topValues(s);
    }
  }

  private double min() {
    return Params.number(rule, "min");
  }

  private double max() {
    return Params.number(rule, "max");
  }

  private Outcome duplicates(ValueCountsState s, long total) {
    Samples groups = new Samples();
    long[] dup = new long[2];
    s.forEachRepeated((v, n) -> {
      if (n > 1) {
        dup[0] += n;
        dup[1]++;
        groups.add(ValueCountsState.sortKey(v), n);
      }
    });
    long unexpected = dup[0] + (rule.nullsFail() ? s.nulls : 0);
    double fraction = (double) (total - unexpected) / total;
    RuleStatus status = fraction >= rule.mostly() ? RuleStatus.PASSED : RuleStatus.FAILED;
    List<ValueCount> sample = groups.toList();
    String msg = dup[1] == 0 ? "no duplicates among " + total + " rows"
        : dup[1] + " duplicated values cover " + dup[0] + " of " + total + " rows (fraction passing "
        + NumberText.number(fraction) + ", required " + NumberText.number(rule.mostly()) + "): "
        + Samples.describe(sample) + (dup[1] > sample.size() ? ", ..." : "");
    return new Outcome(status, fraction, total, unexpected, null, sample, msg);
  }

  static double entropy(ValueCountsState s) {
    double[] h = new double[1];
    double total = s.total;
    s.forEach((v, n) -> {
      double p = n / total;
      h[0] -= p * Math.log(p);
    });
    return h[0] == 0.0 ? 0.0 : h[0];
  }

  private static double mutualInformation(ValueCountsState s) {
    Map<Object, long[]> left = new HashMap<>();
    Map<Object, long[]> right = new HashMap<>();
    s.forEach((v, n) -> {
      List<?> pair = (List<?>) v;
      left.computeIfAbsent(pair.get(0), k -> new long[1])[0] += n;
      right.computeIfAbsent(pair.get(1), k -> new long[1])[0] += n;
    });
    double total = s.total;
    double[] mi = new double[1];
    s.forEach((v, n) -> {
      List<?> pair = (List<?>) v;
      double pxy = n / total;
      double px = left.get(pair.get(0))[0] / total;
      double py = right.get(pair.get(1))[0] / total;
      mi[0] += pxy * Math.log(pxy / (px * py));
    });
    return Math.max(0.0, mi[0]);
  }

  private Outcome sets(ValueCountsState s) {
    Set<String> expected = new TreeSet<>(Params.texts(rule, "values"));
    Set<String> seen = new HashSet<>();
    Samples extra = new Samples();
    s.forEach((v, n) -> {
      String t = ValueCountsState.text(v);
      seen.add(t);
      if (!expected.contains(t)) {
        extra.add(ValueCountsState.sortKey(v), n);
      }
    });
    Set<String> missing = new TreeSet<>(expected);
    missing.removeAll(seen);
    boolean equal = count == Count.DISTINCT_EQUAL;
    List<ValueCount> extraList = extra.toList();
    boolean ok = missing.isEmpty() && (!equal || extraList.isEmpty());
    long unexpectedRows = 0;
    for (ValueCount vc : extraList) {
      unexpectedRows += vc.count();
    }
    String msg = (missing.isEmpty() ? "every expected value occurs" : "missing values " + missing)
        + (equal && !extraList.isEmpty() ? "; unexpected values " + Samples.describe(extraList) : "");
    return new Outcome(ok ? RuleStatus.PASSED : RuleStatus.FAILED, (double) missing.size(), s.total,
        equal ? unexpectedRows : 0, null, equal ? extraList : List.of(), msg);
  }

  private Outcome topValues(ValueCountsState s) {
    int k = (int) Params.number(rule, "k");
    Set<String> allowed = new HashSet<>(Params.texts(rule, "values"));
    List<Object[]> entries = new ArrayList<>();
    s.forEach((v, n) -> entries.add(new Object[] {ValueCountsState.text(v), n}));
    entries.sort(Comparator.<Object[]>comparingLong(e -> -(Long) e[1]).thenComparing(e -> (String) e[0]));
    List<ValueCount> bad = new ArrayList<>();
    List<String> top = new ArrayList<>();
    long unexpected = 0;
    for (int i = 0; i < Math.min(k, entries.size()); i++) {
      String v = (String) entries.get(i)[0];
      long n = (Long) entries.get(i)[1];
      top.add(v);
      if (!allowed.contains(v)) {
        bad.add(new ValueCount(v, n));
        unexpected += n;
      }
    }
    String msg = "top " + k + " values " + top + (bad.isEmpty() ? " are all allowed"
        : "; not allowed: " + Samples.describe(bad));
    return new Outcome(bad.isEmpty() ? RuleStatus.PASSED : RuleStatus.FAILED, (double) bad.size(), s.total,
        unexpected, null, bad, msg);
  }
}
