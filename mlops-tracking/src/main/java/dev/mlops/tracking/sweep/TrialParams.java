package dev.mlops.tracking.sweep;

import dev.mlops.core.InvalidInputException;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The hyperparameters of one sweep trial, by name, in declaration order, with typed access:
 * {@code params.getDouble("lr")}, {@code params.getInt("depth")}, {@code params.getString("act")}. An
 * unmodifiable map, so {@code params.get("lr")} works as well. Immutable and thread-safe.
 */
public final class TrialParams extends AbstractMap<String, Object> {
  private final Map<String, Object> values;

  TrialParams(Map<String, Object> values) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return values.entrySet();
  }

  /**
   * Returns a numeric hyperparameter as a double (an int range's value widens).
   *
   * @param name the hyperparameter
   * @return its value
   * @throws InvalidInputException if there is no such hyperparameter or it is not a number
   */
  public double getDouble(String name) {
    return number(name).doubleValue();
  }

  /**
   * Returns an integer hyperparameter.
   *
   * @param name the hyperparameter
   * @return its value
   * @throws InvalidInputException if there is no such hyperparameter or it is not a whole number that fits
   *     an int
   */
  public int getInt(String name) {
    Number n = number(name);
    double d = n.doubleValue();
    if (d != Math.rint(d) || d < Integer.MIN_VALUE || d > Integer.MAX_VALUE) {
      throw new InvalidInputException("hyperparameter '" + name + "' is " + n + ", not an int");
    }
    return (int) d;
  }

  /**
   * Returns a hyperparameter as text ({@code String.valueOf} of its value).
   *
   * @param name the hyperparameter
   * @return its text
   * @throws InvalidInputException if there is no such hyperparameter
   */
  public String getString(String name) {
    return String.valueOf(require(name));
  }

  private Number number(String name) {
    Object v = require(name);
    if (!(v instanceof Number)) {
      throw new InvalidInputException("hyperparameter '" + name + "' is '" + v + "' ("
          + v.getClass().getSimpleName() + "), not a number");
    }
    return (Number) v;
  }

  private Object require(String name) {
    Object v = values.get(name);
    if (v == null) {
      throw new InvalidInputException("the sweep has no hyperparameter '" + name + "'; it has " + values.keySet());
    }
    return v;
  }
}
