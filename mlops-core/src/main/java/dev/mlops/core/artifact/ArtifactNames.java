package dev.mlops.core.artifact;

import dev.mlops.core.InvalidInputException;
import java.util.regex.Pattern;

/**
 * The naming rules of artifacts, aliases and property keys, and the syntax of references.
 *
 * <p>Artifact names and property keys follow MLflow's rules: 1 to {@value #MAX_NAME} characters from
 * letters, digits, {@code _}, {@code -}, {@code .}, {@code /} and space ({@code ^[/\w.\- ]*$} with Unicode
 * letters and digits), not starting with {@code /} and never {@code .} or {@code ..} as a path segment.
 * Characters are Unicode code points, so the limit is the same for every accepted character: 250 spaces,
 * 250 {@code é}, 250 CJK ideographs or 250 letters from outside the Basic Multilingual Plane all fit (the
 * stores keep a name whose escaped form is too long for a key by its digest; see
 * {@link dev.mlops.core.spi.StorageKeys#segmentOf(String)}).
 * Aliases are {@code [A-Za-z0-9_-]{1,128}}; {@code latest} and {@code v<digits>} are reserved. A reference
 * is {@code name}, {@code name@7} or {@code name@alias}. Stateless and thread-safe.
 */
public final class ArtifactNames {
  /** The longest artifact name or property key, in characters (Unicode code points). */
  public static final int MAX_NAME = 250;

  /** The longest alias, in characters. */
  public static final int MAX_ALIAS = 128;

  /** The automatic alias of the newest live version of every artifact. */
  public static final String LATEST = "latest";

  private static final Pattern NAME = Pattern.compile("[/\\w.\\- ]+", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9_-]{1,128}");
  private static final Pattern RESERVED_ALIAS = Pattern.compile("latest|v[0-9]+");

  private ArtifactNames() {}

  /**
   * Checks an artifact name.
   *
   * @param name the candidate
   * @return {@code name}
   * @throws InvalidInputException naming the rule the name breaks
   */
  public static String requireValidName(String name) {
    return requireValid(name, "artifact name");
  }

  /**
   * Checks a property key; the rules are those of artifact names.
   *
   * @param key the candidate
   * @return {@code key}
   * @throws InvalidInputException naming the rule the key breaks
   */
  public static String requireValidPropertyKey(String key) {
    return requireValid(key, "property key");
  }

  private static String requireValid(String name, String what) {
    if (name.isEmpty()) {
      throw new InvalidInputException(what + " must not be empty");
    }
    if (name.length() > MAX_NAME && name.codePointCount(0, name.length()) > MAX_NAME) {
      throw new InvalidInputException(what + " '" + shorten(name) + "' has " + name.codePointCount(0, name.length())
          + " characters, more than " + MAX_NAME);
    }
    if (!NAME.matcher(name).matches()) {
      int colon = name.indexOf(':');
      String hint = colon > 0 && what.equals("artifact name") ? "; to name a version or an alias, write '"
          + shorten(name.substring(0, colon)) + "@" + shorten(name.substring(colon + 1)) + "' ('@', not ':')" : "";
      throw new InvalidInputException(what + " '" + shorten(name) + "' may hold only letters, digits, '_', '-',"
          + " '.', '/' and spaces (character " + firstBad(name) + " is not allowed)" + hint);
    }
    if (name.startsWith("/")) {
      throw new InvalidInputException(what + " '" + shorten(name) + "' must not start with '/'");
    }
    for (String segment : name.split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        throw new InvalidInputException(what + " '" + shorten(name) + "' must not hold a '" + segment
            + "' segment");
      }
    }
    return name;
  }

  /**
   * Checks an alias that a user may set: the alias syntax, and not a reserved alias.
   *
   * @param alias the candidate
   * @return {@code alias}
   * @throws InvalidInputException if it breaks the syntax or is {@code latest} or {@code v<digits>}
   */
  public static String requireAssignableAlias(String alias) {
    if (!ALIAS.matcher(alias).matches()) {
      throw new InvalidInputException("alias '" + shorten(alias) + "' must match [A-Za-z0-9_-]{1,"
          + MAX_ALIAS + "}");
    }
    if (RESERVED_ALIAS.matcher(alias).matches()) {
      throw new InvalidInputException("alias '" + alias + "' is reserved ('latest' and 'v<digits>' are"
          + " maintained automatically)");
    }
    return alias;
  }

  /** The longest reason an alias move may record, in characters. */
  public static final int MAX_REASON = 1000;

  /**
   * Checks the reason given for an alias move: not blank, at most {@value #MAX_REASON} characters.
   *
   * @param reason the reason
   * @return the reason
   * @throws InvalidInputException if it is blank or too long
   */
  public static String requireValidReason(String reason) {
    if (reason.isBlank()) {
      throw new InvalidInputException("the reason for an alias move must not be blank (leave it out instead)");
    }
    if (reason.length() > MAX_REASON) {
      throw new InvalidInputException("the reason for an alias move has " + reason.length()
          + " characters, more than the limit of " + MAX_REASON);
    }
    return reason;
  }

  static int parseVersion(String digits, String context) {
    if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new InvalidInputException("'" + shorten(digits) + "' in '" + shorten(context)
          + "' is not a version number");
    }
    long v = Long.parseLong(digits);
    if (v < 1 || v > Integer.MAX_VALUE) {
      throw new InvalidInputException("version " + digits + " in '" + shorten(context) + "' is out of range"
          + " (1.." + Integer.MAX_VALUE + ")");
    }
    return (int) v;
  }

  private static String firstBad(String name) {
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      String one = new String(Character.toChars(cp));
      if (!NAME.matcher(one).matches()) {
        return (cp < 0x20 || cp == 0x7F ? String.format("U+%04X", cp) : "'" + one + "'") + " at index " + i;
      }
      i += Character.charCount(cp);
    }
    return "?";
  }

  static String shorten(String s) {
    String visible = s.replace("\0", "\\0");
    return visible.length() <= 80 ? visible : visible.substring(0, 77) + "...";
  }
}
