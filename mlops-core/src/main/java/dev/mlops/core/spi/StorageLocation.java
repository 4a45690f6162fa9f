package dev.mlops.core.spi;

import dev.mlops.core.ConfigurationException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed store URI such as {@code file:/data/mlops?lockTimeout=PT30S} or {@code mem:}: a scheme, the
 * scheme-specific part and options from the query string.
 *
 * <p>{@link #toString()} and every error message show the URI {@linkplain #redacted() redacted}: the value
 * of a {@code password} option and the password of a {@code user:password@} authority are masked, so a
 * URI that carries a credential can be logged. Immutable and thread-safe.
 */
public final class StorageLocation {
  private final String uri;
  private final String scheme;
  private final String path;
  private final Map<String, String> options;

  private StorageLocation(String uri, String scheme, String path, Map<String, String> options) {
    this.uri = uri;
    this.scheme = scheme;
    this.path = path;
    this.options = options;
  }

  /**
   * Parses a store URI.
   *
   * @param uri {@code scheme:rest[?key=value&...]}
   * @return the location
   * @throws ConfigurationException if the URI has no scheme
   */
  public static StorageLocation parse(String uri) {
    Objects.requireNonNull(uri, "uri");
    int colon = uri.indexOf(':');
    String scheme = colon > 0 ? uri.substring(0, colon) : "";
    if (colon <= 0 || !scheme.matches("[A-Za-z][A-Za-z0-9+.-]*")) {
      throw new ConfigurationException("store URI '" + redact(uri) + "' has no scheme; write it as 'scheme:...', "
          + "for example 'file:/path/to/store' or 'mem:'");
    }
    String rest = uri.substring(colon + 1);
    Map<String, String> options = new LinkedHashMap<>();
    int q = rest.indexOf('?');
    if (q >= 0) {
      for (String pair : rest.substring(q + 1).split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String k = decode(eq < 0 ? pair : pair.substring(0, eq));
        String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
        options.put(k, v);
      }
      rest = rest.substring(0, q);
    }
    return new StorageLocation(uri, scheme.toLowerCase(Locale.ROOT), rest, Collections.unmodifiableMap(options));
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /** @return the URI as given */
  public String uri() {
    return uri;
  }

  /** @return the scheme, lower-cased ({@code file}, {@code mem}, ...) */
  public String scheme() {
    return scheme;
  }

  /** @return the scheme-specific part without the query string ({@code /data/mlops} for {@code file:/data/mlops}) */
  public String path() {
    return path;
  }

  /** @return the options from the query string, in order */
  public Map<String, String> options() {
    return options;
  }

  /**
   * Reads an option.
   *
   * @param name the option name
   * @return its value, if given
   */
  public Optional<String> option(String name) {
    return Optional.ofNullable(options.get(name));
  }

  /**
   * Reads a duration option written in ISO-8601 ({@code PT30S}) or as milliseconds ({@code 30000}).
   *
   * @param name the option name
   * @param defaultValue the value when the option is absent
   * @return the duration
   * @throws ConfigurationException if the value is neither form or is negative
   */
  public Duration durationOption(String name, Duration defaultValue) {
    String v = options.get(name);
    if (v == null) {
      return defaultValue;
    }
    Duration d;
    try {
      d = v.chars().allMatch(Character::isDigit) ? Duration.ofMillis(Long.parseLong(v)) : Duration.parse(v);
    } catch (RuntimeException e) {
      throw new ConfigurationException("option '" + name + "' of store URI '" + redacted()
          + "' must be an ISO-8601 duration such as PT30S or a number of milliseconds, got '" + v + "'", e);
    }
    if (d.isNegative()) {
      throw new ConfigurationException("option '" + name + "' of store URI '" + redacted() + "' must not be negative");
    }
    return d;
  }

  /**
   * The URI with its credentials masked: the value of every {@code password} option (any case) and the
   * password of a {@code //user:password@host} authority become {@code ***}.
   *
   * @return the URI, safe to log
   */
  public String redacted() {
    return redact(uri);
  }

  /**
   * Masks the credentials of a URI as {@link #redacted()} does, for text that may not parse.
   *
   * @param uri any URI text
   * @return the text with passwords masked
   */
  public static String redact(String uri) {
    String out = uri.replaceAll("(?i)([?&]password=)[^&#]*", "$1***");
    int authority = out.indexOf("//");
    if (authority >= 0) {
      int end = authority + 2;
      while (end < out.length() && "/?#".indexOf(out.charAt(end)) < 0) {
        end++;
      }
      int at = out.lastIndexOf('@', end - 1);
      int colon = at > authority ? out.indexOf(':', authority + 2) : -1;
      if (colon >= 0 && colon < at) {
        out = out.substring(0, colon + 1) + "***" + out.substring(at);
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return redacted();
  }
}
