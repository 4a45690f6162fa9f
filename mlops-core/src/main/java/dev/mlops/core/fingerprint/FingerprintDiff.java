package dev.mlops.core.fingerprint;

import dev.mlops.core.fingerprint.FingerprintChange.Component;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The differences between two fingerprints, as data ({@link #changes()}) and as a readable explanation
 * ({@link #explain()}) such as {@code same code and data; config.lr 0.1 -> 0.01; JVM 17.0.15 -> 25.0.3}.
 * Immutable and thread-safe.
 */
public final class FingerprintDiff {
  private static final Set<Component> IDENTITY =
      EnumSet.of(Component.CODE, Component.DATA, Component.CONFIG, Component.SEEDS);
  private static final String CLASSPATH = "environment.portable.classpath.";
  private static final int MAX_CLASSPATH_LINES = 3;

  private final List<FingerprintChange> changes;
  private final boolean sameId;

  FingerprintDiff(List<FingerprintChange> changes, boolean sameId) {
    this.changes = List.copyOf(changes);
    this.sameId = sameId;
  }

  /**
   * Returns every difference, identity components first (code, data, config, seeds), then environment.
   *
   * @return an unmodifiable list, empty when the fingerprints are equal
   */
  public List<FingerprintChange> changes() {
    return changes;
  }

  /**
   * Returns the differences in one component.
   *
   * @param component the component
   * @return its differences, in path order
   */
  public List<FingerprintChange> changes(Component component) {
    return changes.stream().filter(c -> c.component() == component).toList();
  }

  /**
   * Tells whether both fingerprints have the same {@link Fingerprint#id()}.
   *
   * @return true if the ids are equal (the environment or context may still differ)
   */
  public boolean sameId() {
    return sameId;
  }

  /**
   * Tells whether nothing at all differs.
   *
   * @return true when there are no changes
   */
  public boolean isEmpty() {
    return changes.isEmpty();
  }

  /**
   * Explains the differences in one line: the identity components that are the same, then each change
   * as {@code path old -> new} (digests abbreviated, the JVM version labelled {@code JVM}).
   *
   * @return the explanation; {@code identical} when nothing differs
   */
  public String explain() {
    if (changes.isEmpty()) {
      return "identical";
    }
    List<String> parts = new ArrayList<>();
    List<String> same = new ArrayList<>();
    for (Component c : IDENTITY) {
      if (changes.stream().noneMatch(ch -> ch.component() == c && ch.affectsId())) {
        same.add(c.name().toLowerCase(Locale.ROOT));
      }
    }
    if (!same.isEmpty()) {
      parts.add("same " + joinWithAnd(same));
    }
    List<FingerprintChange> classpath = changes.stream().filter(c -> c.path().startsWith(CLASSPATH)).toList();
    for (FingerprintChange c : changes) {
      if (c.path().startsWith(CLASSPATH) && classpath.size() > MAX_CLASSPATH_LINES) {
        continue;
      }
      parts.add(label(c.path()) + " " + show(c.oldValue()) + " -> " + show(c.newValue()));
    }
    if (classpath.size() > MAX_CLASSPATH_LINES) {
      parts.add("classpath: " + classpath.size() + " jar entries differ");
    }
    return String.join("; ", parts);
  }

  private static String joinWithAnd(List<String> names) {
    if (names.size() == 1) {
      return names.get(0);
    }
    return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
  }

  private static String label(String path) {
    if (path.equals("environment.strict.jvm.version")) {
      return "JVM";
    } else if (path.startsWith("environment.strict.")) {
      return path.substring("environment.strict.".length());
    } else if (path.startsWith("environment.portable.")) {
      return path.substring("environment.portable.".length());
    }
    return path;
  }

  private static String show(@Nullable String json) {
    if (json == null) {
      return "(none)";
    }
    if (json.length() >= 2 && json.startsWith("\"") && json.endsWith("\"")) {
      String inner = json.substring(1, json.length() - 1);
      if (inner.startsWith("sha256:") && inner.length() == 71) {
        return inner.substring(0, 19) + "...";
      }
      if (!inner.isEmpty() && inner.chars().noneMatch(ch -> ch == '"' || ch == '\\' || ch == ' ' || ch == ';')) {
        return inner;
      }
    }
    return json;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof FingerprintDiff && ((FingerprintDiff) o).changes.equals(changes)
        && ((FingerprintDiff) o).sameId == sameId;
  }

  @Override
  public int hashCode() {
    return changes.hashCode();
  }

  /** Returns {@link #explain()}. */
  @Override
  public String toString() {
    return explain();
  }
}
