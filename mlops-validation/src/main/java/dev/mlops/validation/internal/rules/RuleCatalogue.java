package dev.mlops.validation.internal.rules;

import dev.mlops.core.ConfigurationException;
import dev.mlops.validation.MatchMode;
import dev.mlops.validation.Rule;
import dev.mlops.validation.internal.engine.RuleKernel;
import dev.mlops.validation.internal.rules.ComparisonKernel.Order;
import dev.mlops.validation.internal.rules.CountsKernel.Count;
import dev.mlops.validation.internal.rules.MomentsKernel.Moment;
import dev.mlops.validation.internal.rules.SchemaKernel.Demand;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The one registry of built-in rule types, kept the way providers register custom ones: each {@link Type} is a
 * name, the parameters a rule of it carries (in order) and the factory of its kernel. {@code Check} makes its
 * rules through {@link Type#rule}, {@link RuleKernels} makes kernels through {@link Type#kernel}, and custom
 * providers may not take a name listed here. Adding a built-in rule is one line below plus its {@code Check}
 * method. Immutable and thread-safe.
 */
public final class RuleCatalogue {
  private static final Map<String, Type> TYPES = new LinkedHashMap<>();

  /** One built-in rule type. Immutable and thread-safe. */
  public static final class Type {
    private final String name;
    private final List<String> params;
    private final Function<Rule, RuleKernel> kernel;

    private Type(String name, List<String> params, Function<Rule, RuleKernel> kernel) {
      this.name = name;
      this.params = params;
      this.kernel = kernel;
    }

    /**
     * Returns the type name, as rules and suite JSON carry it.
     *
     * @return the name
     */
    public String name() {
      return name;
    }

    /**
     * Returns the names of the parameters a rule of this type carries, in order.
     *
     * @return an immutable list
     */
    public List<String> params() {
      return params;
    }

    /**
     * Makes a rule of this type.
     *
     * @param columns the rule's columns
     * @param values one value per {@link #params()} entry, in that order
     * @return the rule
     * @throws IllegalArgumentException if the number of values does not match the parameters
     */
    public Rule rule(List<String> columns, Object... values) {
      if (values.length != params.size()) {
        throw new IllegalArgumentException(name + " takes parameters " + params + ", got " + values.length
            + " values");
      }
      Map<String, Object> m = new LinkedHashMap<>();
      for (int i = 0; i < values.length; i++) {
        m.put(params.get(i), Objects.requireNonNull(values[i], params.get(i)));
      }
      return Rule.of(name, columns, m);
    }

    /** Makes the kernel of a rule of this type, validating its parameters. */
    RuleKernel kernel(Rule rule) {
      return kernel.apply(rule);
    }

    @Override
    public String toString() {
      return name + params;
    }
  }

  private static Type define(String name, List<String> params, Function<Rule, RuleKernel> kernel) {
    Type t = new Type(name, List.copyOf(params), kernel);
    if (TYPES.putIfAbsent(name, t) != null) {
      throw new AssertionError("built-in rule type " + name + " is defined twice");
    }
    return t;
  }

  private static final List<String> NONE = List.of();
  private static final List<String> BOUNDS = List.of("min", "max");

  /** {@code hasSize}. */
  public static final Type HAS_SIZE = define("hasSize", BOUNDS, SizeKernel::new);
  /** {@code hasColumns}. */
  public static final Type HAS_COLUMNS = define("hasColumns", List.of("columns"),
      r -> new SchemaKernel(r, Demand.COLUMNS));
  /** {@code hasColumnSet}. */
  public static final Type HAS_COLUMN_SET = define("hasColumnSet", List.of("columns", "mode"),
      r -> new SchemaKernel(r, Demand.COLUMN_SET));
  /** {@code hasColumnType}. */
  public static final Type HAS_COLUMN_TYPE = define("hasColumnType", List.of("type"),
      r -> new SchemaKernel(r, Demand.COLUMN_TYPE));
  /** {@code isParseableAs}. */
  public static final Type IS_PARSEABLE_AS = define("isParseableAs", List.of("format"), ParseableKernel::new);
  /** {@code isComplete}. */
  public static final Type IS_COMPLETE = define("isComplete", NONE, r -> new CompletenessKernel(r, false));
  /** {@code hasCompleteness}: the threshold is the rule's {@code mostly}. */
  public static final Type HAS_COMPLETENESS = define("hasCompleteness", NONE, r -> new CompletenessKernel(r, false));
  /** {@code areComplete}. */
  public static final Type ARE_COMPLETE = define("areComplete", NONE, r -> new CompletenessKernel(r, false));
  /** {@code areAnyComplete}. */
  public static final Type ARE_ANY_COMPLETE = define("areAnyComplete", NONE, r -> new CompletenessKernel(r, true));
  /** {@code isUnique}. */
  public static final Type IS_UNIQUE = define("isUnique", NONE, r -> new KeyKernel(r, Count.DUPLICATES_OF_ONE));
  /** {@code isPrimaryKey}. */
  public static final Type IS_PRIMARY_KEY = define("isPrimaryKey", NONE,
      r -> new KeyKernel(r, Count.DUPLICATES_OF_KEY));
  /** {@code hasNoDuplicateRows}. */
  public static final Type HAS_NO_DUPLICATE_ROWS = define("hasNoDuplicateRows", NONE,
      r -> new KeyKernel(r, Count.DUPLICATE_ROWS));
  /** {@code hasDistinctness}. */
  public static final Type HAS_DISTINCTNESS = define("hasDistinctness", BOUNDS,
      r -> new CountsKernel(r, Count.DISTINCTNESS));
  /** {@code hasUniqueValueRatio}. */
  public static final Type HAS_UNIQUE_VALUE_RATIO = define("hasUniqueValueRatio", BOUNDS,
      r -> new CountsKernel(r, Count.UNIQUE_VALUE_RATIO));
  /** {@code hasNumberOfDistinctValues}. */
  public static final Type HAS_NUMBER_OF_DISTINCT_VALUES = define("hasNumberOfDistinctValues", BOUNDS,
      r -> new CountsKernel(r, Count.DISTINCT_COUNT));
  /** {@code hasApproxCountDistinct}. */
  public static final Type HAS_APPROX_COUNT_DISTINCT = define("hasApproxCountDistinct", BOUNDS,
      ApproxDistinctKernel::new);
  /** {@code isContainedIn}. */
  public static final Type IS_CONTAINED_IN = define("isContainedIn", List.of("values"),
      r -> new ValueSetKernel(r, true));
  /** {@code isNotContainedIn}. */
  public static final Type IS_NOT_CONTAINED_IN = define("isNotContainedIn", List.of("values"),
      r -> new ValueSetKernel(r, false));
  /** {@code containsAllOf}. */
  public static final Type CONTAINS_ALL_OF = define("containsAllOf", List.of("values"),
      r -> new CountsKernel(r, Count.CONTAINS_ALL));
  /** {@code hasDistinctValuesEqualTo}. */
  public static final Type HAS_DISTINCT_VALUES_EQUAL_TO = define("hasDistinctValuesEqualTo", List.of("values"),
      r -> new CountsKernel(r, Count.DISTINCT_EQUAL));
  /** {@code hasTopValuesIn}. */
  public static final Type HAS_TOP_VALUES_IN = define("hasTopValuesIn", List.of("k", "values"),
      r -> new CountsKernel(r, Count.TOP_VALUES));
  /** {@code isBetween}. */
  public static final Type IS_BETWEEN = define("isBetween", List.of("min", "max", "minInclusive", "maxInclusive"),
      r -> new RangeKernel(r, Params.number(r, "min"), Params.number(r, "max"), Params.flag(r, "minInclusive", true),
          Params.flag(r, "maxInclusive", true)));
  /** {@code isNonNegative}. */
  public static final Type IS_NON_NEGATIVE = define("isNonNegative", NONE,
      r -> new RangeKernel(r, 0.0, Double.POSITIVE_INFINITY, true, true));
  /** {@code isPositive}. */
  public static final Type IS_POSITIVE = define("isPositive", NONE,
      r -> new RangeKernel(r, 0.0, Double.POSITIVE_INFINITY, false, true));
  /** {@code hasPattern}. */
  public static final Type HAS_PATTERN = define("hasPattern", List.of("regex", "mode"),
      r -> new PatternKernel(r, Params.text(r, "regex"), Params.choice(r, "mode", MatchMode.class)));
  /** {@code isEmail}. */
  public static final Type IS_EMAIL = define("isEmail", NONE,
      r -> new PatternKernel(r, PatternKernel.EMAIL, MatchMode.FULL));
  /** {@code isUrl}. */
  public static final Type IS_URL = define("isUrl", NONE, r -> new PatternKernel(r, PatternKernel.URL, MatchMode.FULL));
  /** {@code isUuid}. */
  public static final Type IS_UUID = define("isUuid", NONE,
      r -> new PatternKernel(r, PatternKernel.UUID, MatchMode.FULL));
  /** {@code isIsoDate}. */
  public static final Type IS_ISO_DATE = define("isIsoDate", NONE, r -> new PatternKernel(r, null, MatchMode.FULL));
  /** {@code hasLength}. */
  public static final Type HAS_LENGTH = define("hasLength", BOUNDS, LengthKernel::new);
  /** {@code isLessThan}. */
  public static final Type IS_LESS_THAN = define("isLessThan", NONE, r -> new ComparisonKernel(r, Order.LESS));
  /** {@code isLessThanOrEqualTo}. */
  public static final Type IS_LESS_THAN_OR_EQUAL_TO = define("isLessThanOrEqualTo", NONE,
      r -> new ComparisonKernel(r, Order.LESS_OR_EQUAL));
  /** {@code isGreaterThan}. */
  public static final Type IS_GREATER_THAN = define("isGreaterThan", NONE,
      r -> new ComparisonKernel(r, Order.GREATER));
  /** {@code isGreaterThanOrEqualTo}. */
  public static final Type IS_GREATER_THAN_OR_EQUAL_TO = define("isGreaterThanOrEqualTo", NONE,
      r -> new ComparisonKernel(r, Order.GREATER_OR_EQUAL));
  /** {@code hasMin}. */
  public static final Type HAS_MIN = define("hasMin", BOUNDS, r -> new MomentsKernel(r, Moment.MIN));
  /** {@code hasMax}. */
  public static final Type HAS_MAX = define("hasMax", BOUNDS, r -> new MomentsKernel(r, Moment.MAX));
  /** {@code hasMean}. */
  public static final Type HAS_MEAN = define("hasMean", BOUNDS, r -> new MomentsKernel(r, Moment.MEAN));
  /** {@code hasSum}. */
  public static final Type HAS_SUM = define("hasSum", BOUNDS, r -> new MomentsKernel(r, Moment.SUM));
  /** {@code hasStandardDeviation} (population). */
  public static final Type HAS_STANDARD_DEVIATION = define("hasStandardDeviation", BOUNDS,
      r -> new MomentsKernel(r, Moment.POPULATION_STANDARD_DEVIATION));
  /** {@code hasSampleStandardDeviation}. */
  public static final Type HAS_SAMPLE_STANDARD_DEVIATION = define("hasSampleStandardDeviation", BOUNDS,
      r -> new MomentsKernel(r, Moment.SAMPLE_STANDARD_DEVIATION));
  /** {@code hasVariance} (population). */
  public static final Type HAS_VARIANCE = define("hasVariance", BOUNDS,
      r -> new MomentsKernel(r, Moment.POPULATION_VARIANCE));
  /** {@code hasSampleVariance}. */
  public static final Type HAS_SAMPLE_VARIANCE = define("hasSampleVariance", BOUNDS,
      r -> new MomentsKernel(r, Moment.SAMPLE_VARIANCE));
  /** {@code hasQuantile}. */
  public static final Type HAS_QUANTILE = define("hasQuantile", List.of("q", "min", "max"),
      r -> new QuantileKernel(r, false, Params.number(r, "q")));
  /** {@code hasMedian}. */
  public static final Type HAS_MEDIAN = define("hasMedian", BOUNDS, r -> new QuantileKernel(r, false, 0.5));
  /** {@code hasIqr}. */
  public static final Type HAS_IQR = define("hasIqr", BOUNDS, r -> new QuantileKernel(r, false, QuantileKernel.IQR));
  /** {@code hasApproxQuantile}. */
  public static final Type HAS_APPROX_QUANTILE = define("hasApproxQuantile", List.of("q", "min", "max"),
      r -> new QuantileKernel(r, true, Params.number(r, "q")));
  /** {@code hasEntropy}. */
  public static final Type HAS_ENTROPY = define("hasEntropy", BOUNDS, r -> new CountsKernel(r, Count.ENTROPY));
  /** {@code hasMutualInformation}. */
  public static final Type HAS_MUTUAL_INFORMATION = define("hasMutualInformation", BOUNDS,
      r -> new CountsKernel(r, Count.MUTUAL_INFORMATION));
  /** {@code hasCorrelation}. */
  public static final Type HAS_CORRELATION = define("hasCorrelation", BOUNDS, CorrelationKernel::new);
  /** {@code satisfies}: a Java predicate, which cannot be rebuilt from JSON. */
  public static final Type SATISFIES = define("satisfies", List.of("name"), RuleCatalogue::satisfies);

  private static final Map<String, Type> BY_NAME = Collections.unmodifiableMap(TYPES);

  private RuleCatalogue() {}

  private static RuleKernel satisfies(Rule rule) {
    if (rule.predicate() == null) {
      throw new ConfigurationException("rule 'satisfies' holds a Java lambda and cannot be rebuilt from JSON;"
          + " add it again with Check.satisfies(name, predicate)");
    }
    return new PredicateKernel(rule, rule.predicate(), String.valueOf(rule.params().get("name")));
  }

  /**
   * Tells whether a name is a built-in rule type.
   *
   * @param name the type name
   * @return {@code true} if built in
   */
  public static boolean has(String name) {
    return BY_NAME.containsKey(name);
  }

  /**
   * Finds a built-in rule type.
   *
   * @param name the type name
   * @return the type, or {@code null} if no built-in rule has that name
   */
  public static @Nullable Type find(String name) {
    return BY_NAME.get(name);
  }

  /**
   * Returns every built-in type name, in definition order.
   *
   * @return an immutable set
   */
  public static Set<String> names() {
    return Collections.unmodifiableSet(BY_NAME.keySet());
  }
}
