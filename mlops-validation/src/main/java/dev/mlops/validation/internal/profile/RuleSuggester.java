package dev.mlops.validation.internal.profile;

import dev.mlops.validation.Check;
import dev.mlops.validation.ColumnProfile;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.Profile;
import dev.mlops.validation.ValidationSuite;
import dev.mlops.validation.ValueCount;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Turns a {@link Profile} into a suite, with the thresholds documented on {@link Profile#suggestSuite}. */
public final class RuleSuggester {
  /** z for a two-sided 95% interval. */
  static final double Z = 1.959963984540054;
  static final int MAX_CATEGORIES = 20;
  static final int MIN_CATEGORY_COUNT = 5;
  static final int SMALL_TABLE = 50;

  private RuleSuggester() {}

  /**
   * The lower end of the Wilson score interval for a proportion.
   *
   * @param successes successes
   * @param n trials, at least 1
   * @param z the normal quantile
   * @return the lower bound in {@code [0, 1]}
   */
  public static double wilsonLower(long successes, long n, double z) {
    double p = (double) successes / n;
    double z2 = z * z;
    double centre = p + z2 / (2.0 * n);
    double spread = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
    return Math.max(0.0, (centre - spread) / (1 + z2 / n));
  }

  /**
   * Suggests a suite.
   *
   * @param name the suite name
   * @param profile the profile
   * @return the suite
   */
  public static ValidationSuite suggest(String name, Profile profile) {
    Check check = Check.warning("suggested");
    if (profile.rowCount() > 0) {
      check = check.hasSize(1, Long.MAX_VALUE);
    }
    for (ColumnProfile c : profile.columns()) {
      check = check.hasColumnType(c.name(), c.type());
      if (c.count() == 0) {
        continue;
      }
      long nonNull = c.count() - c.nullCount();
      if (c.nullCount() == 0) {
        check = check.isComplete(c.name());
      } else {
        double lower = Math.floor(wilsonLower(nonNull, c.count(), Z) * 1000) / 1000;
        if (lower >= 0.01) {
          check = check.hasCompleteness(c.name(), lower);
        }
      }
      if (nonNull == 0) {
        continue;
      }
      if (c.hasExactValueCounts()) {
        List<ValueCount> values = c.topValues(Integer.MAX_VALUE);
        long rarest = values.stream().mapToLong(ValueCount::count).min().orElse(0);
        if (c.type() == ColumnType.STRING && values.size() <= MAX_CATEGORIES
            && (rarest >= MIN_CATEGORY_COUNT || c.count() <= SMALL_TABLE)) {
          Set<String> set = new LinkedHashSet<>();
          values.forEach(v -> set.add(v.value()));
          check = check.isContainedIn(c.name(), set);
        }
        if (values.size() >= 2 && values.get(0).count() == 1 && c.type() != ColumnType.DOUBLE) {
          check = check.isUnique(c.name());
        }
      }
      if (c.type().isNumeric() && c.min() != null && c.min() >= 0 && c.nanCount() == 0) {
        check = check.isNonNegative(c.name());
      }
    }
    return ValidationSuite.builder(name).addCheck(check).build();
  }
}
