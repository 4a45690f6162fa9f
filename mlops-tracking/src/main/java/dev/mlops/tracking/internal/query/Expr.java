package dev.mlops.tracking.internal.query;

import dev.mlops.tracking.RunSnapshot;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A parsed filter expression, evaluated with SQL's three-valued logic: {@code TRUE}, {@code FALSE} or
 * unknown ({@code null}) when a compared field is absent. A run matches when its filter is {@code TRUE}.
 */
public sealed interface Expr {
  /**
   * Evaluates the expression on a run.
   *
   * @param run the run
   * @return true, false, or null for unknown
   */
  @Nullable Boolean eval(RunSnapshot run);

  /** Conjunction: false if any operand is false, else unknown if any is unknown, else true. */
  record And(List<Expr> operands) implements Expr {
    @Override
    public @Nullable Boolean eval(RunSnapshot run) {
      boolean unknown = false;
      for (Expr e : operands) {
        Boolean v = e.eval(run);
        if (v == null) {
          unknown = true;
        } else if (!v) {
          return false;
        }
      }
      return unknown ? null : true;
    }
  }

  /** Disjunction: true if any operand is true, else unknown if any is unknown, else false. */
  record Or(List<Expr> operands) implements Expr {
    @Override
    public @Nullable Boolean eval(RunSnapshot run) {
      boolean unknown = false;
      for (Expr e : operands) {
        Boolean v = e.eval(run);
        if (v == null) {
          unknown = true;
        } else if (v) {
          return true;
        }
      }
      return unknown ? null : false;
    }
  }

  /** Negation; unknown stays unknown. */
  record Not(Expr operand) implements Expr {
    @Override
    public @Nullable Boolean eval(RunSnapshot run) {
      Boolean v = operand.eval(run);
      return v == null ? null : !v;
    }
  }

  /** A numeric comparison with IEEE semantics (NaN compares false except with {@code !=}). */
  record NumberCompare(Field field, String op, double literal) implements Expr {
    @Override
    public @Nullable Boolean eval(RunSnapshot run) {
      Object v = field.value(run);
      if (v == null) {
        return null;
      }
      double x = (Double) v;
      switch (op) {
        case "=":
          return x == literal;
        case "!=":
          return x != literal;
        case "<":
          return x < literal;
        case "<=":
          return x <= literal;
        case ">":
          return x > literal;
        default:
          return x >= literal;
      }
    }
  }

  /** A case-sensitive string equality or inequality. */
  record StringCompare(Field field, boolean equal, String literal) implements Expr {
    @Override
    public @Nullable Boolean eval(RunSnapshot run) {
      Object v = field.value(run);
      return v == null ? null : v.equals(literal) == equal;
    }
  }

  /** SQL LIKE ({@code %} any run, {@code _} one character), case-insensitive for ILIKE. */
  record Like(Field field, String pattern, boolean caseInsensitive, boolean negated, LikePattern matcher)
      implements Expr {
    /**
     * Compiles a LIKE pattern.
     *
     * @param field the field
     * @param pattern the SQL pattern
     * @param caseInsensitive true for ILIKE
     * @param negated true for NOT LIKE
     * @return the expression
     */
    static Like of(Field field, String pattern, boolean caseInsensitive, boolean negated) {
      return new Like(field, pattern, caseInsensitive, negated, LikePattern.compile(pattern, caseInsensitive));
    }

    @Override
    public @Nullable Boolean eval(RunSnapshot run) {
      Object v = field.value(run);
      return v == null ? null : matcher.matches((String) v) != negated;
    }
  }

  /** Membership in a list of literals (numbers for numeric fields, strings otherwise). */
  record In(Field field, Set<Object> values, boolean negated) implements Expr {
    @Override
    public @Nullable Boolean eval(RunSnapshot run) {
      Object v = field.value(run);
      if (v == null) {
        return null;
      }
      boolean found;
      if (v instanceof Double) {
        double x = (Double) v;
        found = values.stream().anyMatch(l -> x == (Double) l);
      } else {
        found = values.contains(v);
      }
      return found != negated;
    }
  }

  /** {@code IS NULL} / {@code IS NOT NULL}: never unknown. */
  record IsNull(Field field, boolean negated) implements Expr {
    @Override
    public Boolean eval(RunSnapshot run) {
      return (field.value(run) == null) != negated;
    }
  }

  /** The empty filter: every run matches. */
  record All() implements Expr {
    @Override
    public Boolean eval(RunSnapshot run) {
      return true;
    }
  }
}
