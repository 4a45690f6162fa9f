package dev.mlops.storage.jdbc.internal;

import java.net.URLEncoder;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * A password that must never be shown: it is masked out of any text that might carry it, in the
 * forms it can take (as given and URL-encoded). {@link #toString()} never reveals it. Immutable.
 */
public final class Secret {
  private static final Secret NONE = new Secret(null);

  private final @Nullable String value;

  private Secret(@Nullable String value) {
    this.value = value;
  }

  /**
   * Wraps a password.
   *
   * @param value the password, or null for none
   * @return the secret
   */
  public static Secret of(@Nullable String value) {
    return value == null || value.isEmpty() ? NONE : new Secret(value);
  }

  /** @return the secret for "no password" */
  public static Secret none() {
    return NONE;
  }

  /** @return the password, or null; only the driver's configuration may read it */
  public @Nullable String reveal() {
    return value;
  }

  /**
   * Replaces the password in a text by {@code ***}.
   *
   * @param text any text
   * @return the text without the password
   */
  public String mask(String text) {
    if (value == null) {
      return text;
    }
    return text.replace(value, "***").replace(URLEncoder.encode(value, StandardCharsets.UTF_8), "***");
  }

  /**
   * Tells whether the password appears in the message of an exception, its causes or its suppressed
   * exceptions.
   *
   * @param e the exception
   * @return true if any message there holds the password
   */
  public boolean appearsIn(Throwable e) {
    if (value == null) {
      return false;
    }
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    ArrayDeque<Throwable> pending = new ArrayDeque<>(List.of(e));
    while (!pending.isEmpty()) {
      Throwable t = pending.pop();
      if (!seen.add(t)) {
        continue;
      }
      if (!mask(String.valueOf(t.getMessage())).equals(String.valueOf(t.getMessage()))) {
        return true;
      }
      if (t.getCause() != null) {
        pending.push(t.getCause());
      }
      for (Throwable s : t.getSuppressed()) {
        pending.push(s);
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return value == null ? "(none)" : "***";
  }
}
