package dev.mlops.validation.internal.rules;

import dev.mlops.core.InvalidInputException;
import dev.mlops.validation.Rule;
import dev.mlops.validation.ColumnType;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Typed reads of a rule's parameters with errors that name the rule. Stateless. */
final class Params {
  private Params() {}

  static double number(Rule rule, String name) {
    Object v = rule.params().get(name);
    if (!(v instanceof Number)) {
      throw new InvalidInputException("rule " + rule.type() + " needs a number parameter '" + name + "', got " + v);
    }
    double d = ((Number) v).doubleValue();
    if (Double.isNaN(d)) {
      throw new InvalidInputException("rule " + rule.type() + ": parameter '" + name + "' is NaN");
    }
    return d;
  }

  static boolean flag(Rule rule, String name, boolean fallback) {
    Object v = rule.params().get(name);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Boolean)) {
      throw new InvalidInputException("rule " + rule.type() + " needs a boolean parameter '" + name + "', got " + v);
    }
    return (Boolean) v;
  }

  static String text(Rule rule, String name) {
    Object v = rule.params().get(name);
    if (!(v instanceof String)) {
      throw new InvalidInputException("rule " + rule.type() + " needs a text parameter '" + name + "', got " + v);
    }
    return (String) v;
  }

  @SuppressWarnings("unchecked")
  static List<String> texts(Rule rule, String name) {
    Object v = rule.params().get(name);
    if (!(v instanceof List)) {
      throw new InvalidInputException("rule " + rule.type() + " needs a list parameter '" + name + "', got " + v);
    }
    return (List<String>) v;
  }

  static <E extends Enum<E>> E choice(Rule rule, String name, Class<E> type) {
    String t = text(rule, name);
    try {
      return Enum.valueOf(type, t);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("rule " + rule.type() + ": parameter '" + name + "' is '" + t
          + "', expected one of " + java.util.Arrays.toString(type.getEnumConstants()), e);
    }
  }

  static void columns(Rule rule, int min, int max) {
    int n = rule.columns().size();
    if (n < min || n > max) {
      throw new InvalidInputException("rule " + rule.type() + " needs " + (min == max ? min : min + " to " + max)
          + " columns, got " + rule.columns());
    }
  }

  static void noMostly(Rule rule) {
    if (rule.mostly() != 1.0) {
      throw new InvalidInputException("rule " + rule.type() + " judges one aggregate, so 'mostly' does not apply"
          + " (it applies to row-level and key rules)");
    }
  }

  static void bounds(double min, double max, Rule rule) {
    if (min > max) {
      throw new InvalidInputException("rule " + rule.type() + ": lower bound " + min + " exceeds upper bound " + max);
    }
  }

  /**
   * Says which of the rule's columns a schema lacks.
   *
   * @return the problem, or {@code null} when every column exists
   */
  static @Nullable String missingColumn(Rule rule, Map<String, ColumnType> schema) {
    for (String c : rule.columns()) {
      if (!schema.containsKey(c)) {
        return "column '" + c + "' does not exist; the table has " + schema.keySet();
      }
    }
    return null;
  }
}
