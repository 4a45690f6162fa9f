package dev.mlops.validation.internal.rules;

import dev.mlops.core.ConfigurationException;
import dev.mlops.validation.MatchMode;
import dev.mlops.validation.Rule;
import dev.mlops.validation.internal.engine.RuleKernel;
import dev.mlops.validation.spi.AggregateRule;
import dev.mlops.validation.spi.AggregateRuleProvider;
import dev.mlops.validation.spi.RuleProvider;
import java.util.Set;

/** Turns a {@link Rule} into its {@link RuleKernel}, validating parameters. Stateless and thread-safe. */
public final class RuleKernels {
  /** Every built-in rule type. */
  public static final Set<String> BUILT_IN = Set.of("hasSize", "hasColumns", "hasColumnSet", "hasColumnType",
      "isParseableAs", "isComplete", "hasCompleteness", "areComplete", "areAnyComplete", "isUnique", "isPrimaryKey",
      "hasNoDuplicateRows", "hasDistinctness", "hasUniqueValueRatio", "hasNumberOfDistinctValues",
      "hasApproxCountDistinct", "isContainedIn", "isNotContainedIn", "containsAllOf", "hasDistinctValuesEqualTo",
      "hasTopValuesIn", "isBetween", "isNonNegative", "isPositive", "hasPattern", "isEmail", "isUrl", "isUuid",
      "isIsoDate", "hasLength", "isLessThan", "isLessThanOrEqualTo", "isGreaterThan", "isGreaterThanOrEqualTo",
      "hasMin", "hasMax", "hasMean", "hasSum", "hasStandardDeviation", "hasSampleStandardDeviation", "hasVariance",
      "hasSampleVariance", "hasQuantile", "hasMedian", "hasIqr", "hasApproxQuantile", "hasEntropy",
      "hasMutualInformation", "hasCorrelation", "satisfies");

  private RuleKernels() {}

  /**
   * Creates the kernel of a rule.
   *
   * @param rule the rule
   * @return its kernel
   * @throws dev.mlops.core.InvalidInputException if a parameter is missing or invalid
   * @throws ConfigurationException if the type is unknown and no provider serves it
   */
  public static RuleKernel create(Rule rule) {
    switch (rule.type()) {
      case "hasSize":
        return new SizeKernel(rule);
      case "hasColumns":
      case "hasColumnSet":
      case "hasColumnType":
        return new SchemaKernel(rule);
      case "isParseableAs":
        return new ParseableKernel(rule);
      case "isComplete":
      case "hasCompleteness":
      case "areComplete":
        return new CompletenessKernel(rule, false);
      case "areAnyComplete":
        return new CompletenessKernel(rule, true);
      case "isUnique":
      case "isPrimaryKey":
      case "hasNoDuplicateRows":
        return new KeyKernel(rule);
      case "hasDistinctness":
      case "hasUniqueValueRatio":
      case "hasNumberOfDistinctValues":
      case "containsAllOf":
      case "hasDistinctValuesEqualTo":
      case "hasTopValuesIn":
      case "hasEntropy":
      case "hasMutualInformation":
        return new CountsKernel(rule);
      case "hasApproxCountDistinct":
        return new ApproxDistinctKernel(rule);
      case "isContainedIn":
        return new ValueSetKernel(rule, true);
      case "isNotContainedIn":
        return new ValueSetKernel(rule, false);
      case "isBetween":
        return new RangeKernel(rule, Params.number(rule, "min"), Params.number(rule, "max"),
            Params.flag(rule, "minInclusive", true), Params.flag(rule, "maxInclusive", true));
      case "isNonNegative":
        return new RangeKernel(rule, 0.0, Double.POSITIVE_INFINITY, true, true);
      case "isPositive":
        return new RangeKernel(rule, 0.0, Double.POSITIVE_INFINITY, false, true);
      case "hasPattern":
        return new PatternKernel(rule, Params.text(rule, "regex"), Params.choice(rule, "mode", MatchMode.class));
      case "isEmail":
        return new PatternKernel(rule, PatternKernel.EMAIL, MatchMode.FULL);
      case "isUrl":
        return new PatternKernel(rule, PatternKernel.URL, MatchMode.FULL);
      case "isUuid":
        return new PatternKernel(rule, PatternKernel.UUID, MatchMode.FULL);
      case "isIsoDate":
        return new PatternKernel(rule, null, MatchMode.FULL);
      case "hasLength":
        return new LengthKernel(rule);
      case "isLessThan":
        return new ComparisonKernel(rule, 0, "<");
      case "isLessThanOrEqualTo":
        return new ComparisonKernel(rule, 1, "<=");
      case "isGreaterThan":
        return new ComparisonKernel(rule, 2, ">");
      case "isGreaterThanOrEqualTo":
        return new ComparisonKernel(rule, 3, ">=");
      case "hasMin":
      case "hasMax":
      case "hasMean":
      case "hasSum":
      case "hasStandardDeviation":
      case "hasSampleStandardDeviation":
      case "hasVariance":
      case "hasSampleVariance":
        return new MomentsKernel(rule);
      case "hasQuantile":
      case "hasMedian":
      case "hasIqr":
      case "hasApproxQuantile":
        return new QuantileKernel(rule);
      case "hasCorrelation":
        return new CorrelationKernel(rule);
      case "satisfies":
        if (rule.predicate() == null) {
          throw new ConfigurationException("rule 'satisfies' holds a Java lambda and cannot be rebuilt from JSON;"
              + " add it again with Check.satisfies(name, predicate)");
        }
        return new PredicateKernel(rule, rule.predicate(), String.valueOf(rule.params().get("name")));
      default:
        RuleProvider p = RuleProviders.find(rule.type());
        if (p != null) {
          return new PredicateKernel(rule, p.create(rule), rule.type());
        }
        AggregateRuleProvider a = RuleProviders.findAggregate(rule.type());
        if (a != null) {
          return aggregate(rule, a.create(rule));
        }
        throw new ConfigurationException("unknown rule type '" + rule.type() + "'; custom rule types need a"
            + " RuleProvider (row-level) or AggregateRuleProvider (table-level) listed in META-INF/services/"
            + "dev.mlops.validation.spi.RuleProvider or ...AggregateRuleProvider (found providers for "
            + RuleProviders.types() + ")");
    }
  }

  private static <S> RuleKernel aggregate(Rule rule, AggregateRule<S> aggregate) {
    return new CustomAggregateKernel<>(rule, java.util.Objects.requireNonNull(aggregate,
        "the AggregateRuleProvider of " + rule.type() + " returned no rule"));
  }

  /**
   * Tells whether a kernel judges rows one by one (so it can run on single records and row sinks).
   *
   * @param kernel the kernel
   * @return {@code true} for row-level kernels
   */
  public static boolean isRowLevel(RuleKernel kernel) {
    return kernel instanceof dev.mlops.validation.internal.engine.RowKernel;
  }

  /**
   * Tells whether a kernel is a key rule ({@code isUnique}, {@code isPrimaryKey}, {@code hasNoDuplicateRows}):
   * judged per row, but only once the whole table's duplicate groups are known.
   *
   * @param kernel the kernel
   * @return {@code true} for key rules
   */
  public static boolean isKeyRule(RuleKernel kernel) {
    return kernel instanceof KeyKernel;
  }
}
