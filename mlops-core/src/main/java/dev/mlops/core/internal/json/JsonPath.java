package dev.mlops.core.internal.json;

/**
 * Builds JSONPath-like locations ({@code $.config.lr}, {@code $.layers[2]}, {@code $["a b"]}) for error
 * messages. Stateless and thread-safe.
 */
public final class JsonPath {
  /** The location of the root value. */
  public static final String ROOT = "$";

  private JsonPath() {}

  /**
   * Appends an object member name.
   *
   * @param parent the parent location
   * @param name the member name
   * @return the member's location; names that are not plain identifiers are quoted
   */
  public static String member(String parent, String name) {
    if (isIdentifier(name)) {
      return parent + "." + name;
    }
    StringBuilder out = new StringBuilder(parent).append("[\"");
    for (int i = 0; i < name.length() && i < 80; i++) {
      char c = name.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || Character.isSurrogate(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (name.length() > 80) {
      out.append("...");
    }
    return out.append("\"]").toString();
  }

  /**
   * Appends an array index.
   *
   * @param parent the parent location
   * @param index the element index
   * @return the element's location
   */
  public static String element(String parent, int index) {
    return parent + "[" + index + "]";
  }

  private static boolean isIdentifier(String name) {
    if (name.isEmpty() || !(Character.isLetter(name.charAt(0)) || name.charAt(0) == '_')) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '-'))) {
        return false;
      }
    }
    return true;
  }
}
