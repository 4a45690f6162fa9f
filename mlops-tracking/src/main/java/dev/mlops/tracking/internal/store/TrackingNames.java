package dev.mlops.tracking.internal.store;

import dev.mlops.core.InvalidInputException;

/**
 * MLflow's naming rules for experiment names and metric, param and tag keys, and the value limits.
 * Stateless and thread-safe.
 */
public final class TrackingNames {
  /** The longest key or name, in characters. */
  public static final int MAX_KEY = 250;
  /** The longest param value, in characters. */
  public static final int MAX_PARAM_VALUE = 6000;
  /** The longest tag value, in characters. */
  public static final int MAX_TAG_VALUE = 5000;

  private TrackingNames() {}

  /**
   * Checks a key against {@code ^[/\w.\- ]*$} (ASCII word characters), non-empty, at most 250 characters.
   *
   * @param kind what the key names ("metric", "param", "tag", "experiment")
   * @param key the key
   * @return {@code key}
   * @throws InvalidInputException naming the key, the character and its index
   */
  public static String requireValidKey(String kind, String key) {
    if (key == null) {
      throw new InvalidInputException(kind + " key must not be null");
    }
    int n = key.length();
    if (n == 0) {
      throw new InvalidInputException(kind + " key must not be empty");
    }
    if (n > MAX_KEY) {
      throw new InvalidInputException(kind + " key '" + key.substring(0, 40) + "...' has " + n
          + " characters, more than " + MAX_KEY);
    }
    for (int i = 0; i < n; i++) {
      char c = key.charAt(i);
      if (!isKeyChar(c)) {
        throw new InvalidInputException(kind + " key '" + shorten(key) + "' has character "
            + describe(c) + " at index " + i + "; keys may hold only letters, digits, '_', '-', '.', ' ' and '/'");
      }
    }
    if (key.equals(".") || key.equals("..") || key.startsWith("/")) {
      throw new InvalidInputException(kind + " key '" + key + "' is not allowed (no '.', '..' or leading '/')");
    }
    return key;
  }

  /** @return true if {@code c} matches {@code [/\w.\- ]} */
  public static boolean isKeyChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '_' || c == '-' || c == '.' || c == ' ' || c == '/';
  }

  /**
   * Checks a value's length.
   *
   * @param kind "param" or "tag"
   * @param key the key it belongs to
   * @param value the value
   * @param max the limit
   * @return {@code value}
   * @throws InvalidInputException if it is longer than {@code max}
   */
  public static String requireValueLength(String kind, String key, String value, int max) {
    if (value.length() > max) {
      throw new InvalidInputException(kind + " '" + key + "' has a value of " + value.length()
          + " characters, more than " + max);
    }
    return value;
  }

  private static String describe(char c) {
    return c < 0x20 || c > 0x7E ? String.format("U+%04X", (int) c) : "'" + c + "'";
  }

  private static String shorten(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
