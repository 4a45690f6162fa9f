package dev.mlops.validation.model;

import dev.mlops.core.InvalidInputException;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One requirement of a {@link ModelGate}, as data.
 *
 * @param kind what is compared
 * @param metric the metric's name ({@link Metric#named} or {@link FairnessMetric#metricName()})
 * @param column the slice or sensitive column, or {@code null}
 * @param atLeast true if the value must be at least {@code bound}, false if at most
 * @param bound the bound; for {@link Kind#CHAMPION} the margin by which the challenger may be worse
 */
public record Requirement(Kind kind, String metric, @Nullable String column, boolean atLeast, double bound) {
  /** What a requirement compares. */
  public enum Kind {
    /** The challenger's metric on all rows against a bound. */
    ABSOLUTE,
    /** The challenger against the champion: not worse by more than a margin at the gate's confidence. */
    CHAMPION,
    /** The challenger's metric on every large enough slice of a column against a bound. */
    SLICE,
    /** A fairness metric of the challenger over a sensitive column against a bound. */
    FAIRNESS
  }

  /**
   * Checks the components.
   *
   * @param kind what is compared
   * @param metric the metric's name ({@link Metric#named} or {@link FairnessMetric#metricName()})
   * @param column the slice or sensitive column, or {@code null}
   * @param atLeast true if the value must be at least {@code bound}, false if at most
   * @param bound the bound; for {@link Kind#CHAMPION} the margin by which the challenger may be worse
   */
  public Requirement {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(metric, "metric");
    if (!Double.isFinite(bound)) {
      throw new InvalidInputException("requirement on '" + metric + "' has a non-finite bound " + bound);
    }
    if ((kind == Kind.SLICE || kind == Kind.FAIRNESS) == (column == null)) {
      throw new InvalidInputException(kind + " requirement on '" + metric + "' "
          + (column == null ? "needs a column" : "takes no column"));
    }
    if (kind == Kind.CHAMPION && bound < 0) {
      throw new InvalidInputException("the margin of a champion requirement on '" + metric + "' is negative: " + bound);
    }
    if (kind == Kind.FAIRNESS) {
      FairnessMetric.named(metric);
    } else {
      Metric.named(metric);
    }
  }

  /** @return a one-line description such as {@code roc_auc >= 0.8} or {@code roc_auc not worse than champion by > 0.01} */
  public String describe() {
    String op = atLeast ? " >= " : " <= ";
    return switch (kind) {
      case ABSOLUTE -> metric + op + bound;
      case CHAMPION -> metric + " not worse than the champion's by more than " + bound;
      case SLICE -> metric + op + bound + " on every slice of " + column;
      case FAIRNESS -> metric + " over " + column + op + bound;
    };
  }

  /** @return the kind in lower case, as written to JSON */
  String kindName() {
    return kind.name().toLowerCase(Locale.ROOT);
  }
}
