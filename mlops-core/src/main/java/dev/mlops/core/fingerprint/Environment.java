package dev.mlops.core.fingerprint;

import dev.mlops.core.CorruptedDataException;
import dev.mlops.core.InvalidInputException;
import dev.mlops.core.hash.Digest;
import dev.mlops.core.internal.fingerprint.ClasspathJars;
import dev.mlops.core.json.CanonicalJson;
import java.nio.charset.Charset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TimeZone;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The runtime a fingerprint was computed in, in two parts with their own digests, so that a diff can
 * say "same except the JVM build".
 *
 * <p>The <b>portable</b> part holds what should be equal wherever a result is meant to be reproduced:
 * {@code java.specification} (the Java feature version, e.g. {@code 17}), {@code library} (this
 * library's version), {@code os.family} ({@code linux}, {@code mac}, {@code windows} or {@code other})
 * and {@code classpath} (each jar's file name mapped to its version and SHA-256). The <b>strict</b>
 * part holds what may differ between machines without changing results in principle: {@code jvm.vendor},
 * {@code jvm.version} ({@code java.version}), {@code jvm.build} ({@code java.runtime.version}),
 * {@code os.arch}, {@code processors}, {@code locale}, {@code timezone} and {@code charset}.
 *
 * <p>Each digest is {@link CanonicalJson#digest} of its part, with the tags
 * {@code mlops.environment.portable.v1} and {@code mlops.environment.strict.v1}. The environment is never
 * part of {@link Fingerprint#id()}. Immutable and thread-safe.
 */
public final class Environment {
  static final String PORTABLE_TAG = "mlops.environment.portable.v1";
  static final String STRICT_TAG = "mlops.environment.strict.v1";

  private final Map<String, Object> portable;
  private final Map<String, Object> strict;
  private final Digest portableDigest;
  private final Digest strictDigest;

  private Environment(Map<String, Object> portable, Map<String, Object> strict) {
    this.portable = canonicalCopy(portable, "portable");
    this.strict = canonicalCopy(strict, "strict");
    this.portableDigest = CanonicalJson.digest(PORTABLE_TAG, this.portable);
    this.strictDigest = CanonicalJson.digest(STRICT_TAG, this.strict);
  }

  /**
   * Captures the environment of the running JVM. Hashing the class path's jars goes through the
   * process-wide stat cache, so repeated captures are cheap.
   *
   * @return the current environment
   */
  public static Environment capture() {
    Map<String, Object> portable = new LinkedHashMap<>();
    portable.put("java.specification", property("java.specification.version"));
    portable.put("library", ClasspathJars.libraryVersion());
    portable.put("os.family", osFamily(property("os.name")));
    portable.put("classpath", ClasspathJars.describe(property("java.class.path")));
    Map<String, Object> strict = new LinkedHashMap<>();
    strict.put("jvm.vendor", property("java.vm.vendor"));
    strict.put("jvm.version", property("java.version"));
    strict.put("jvm.build", property("java.runtime.version"));
    strict.put("os.arch", property("os.arch"));
    strict.put("processors", (long) Runtime.getRuntime().availableProcessors());
    strict.put("locale", Locale.getDefault().toLanguageTag());
    strict.put("timezone", TimeZone.getDefault().getID());
    strict.put("charset", Charset.defaultCharset().name());
    return new Environment(portable, strict);
  }

  /**
   * Builds an environment from recorded parts, as read back from a fingerprint's JSON.
   *
   * @param portable the portable part
   * @param strict the strict part
   * @return the environment
   * @throws InvalidInputException if a part cannot be written as canonical JSON
   */
  static Environment of(Map<String, ?> portable, Map<String, ?> strict) {
    return new Environment(new LinkedHashMap<>(portable), new LinkedHashMap<>(strict));
  }

  /**
   * Reads an environment from its JSON value, checking both recorded digests.
   *
   * @throws CorruptedDataException if a recorded digest does not match its part
   */
  static Environment fromJson(Map<?, ?> json) {
    Object portable = json.get("portable");
    Object strict = json.get("strict");
    if (!(portable instanceof Map) || !(strict instanceof Map)) {
      throw new InvalidInputException("environment must have portable and strict objects");
    }
    @SuppressWarnings("unchecked")
    Environment env = of((Map<String, ?>) portable, (Map<String, ?>) strict);
    if (!env.portableDigest.toString().equals(json.get("portableDigest"))
        || !env.strictDigest.toString().equals(json.get("strictDigest"))) {
      throw new CorruptedDataException(
          "environment digest mismatch: the recorded digests do not match the recorded values");
    }
    return env;
  }

  Map<String, Object> toJsonValue() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("portable", portable);
    json.put("portableDigest", portableDigest.toString());
    json.put("strict", strict);
    json.put("strictDigest", strictDigest.toString());
    return json;
  }

  /**
   * Returns the portable part.
   *
   * @return an unmodifiable map of plain JSON values, sorted by key
   */
  public Map<String, Object> portable() {
    return portable;
  }

  /**
   * Returns the strict part.
   *
   * @return an unmodifiable map of plain JSON values, sorted by key
   */
  public Map<String, Object> strict() {
    return strict;
  }

  /**
   * Returns the digest of the portable part.
   *
   * @return the digest
   */
  public Digest portableDigest() {
    return portableDigest;
  }

  /**
   * Returns the digest of the strict part.
   *
   * @return the digest
   */
  public Digest strictDigest() {
    return strictDigest;
  }

  /**
   * Returns a copy with some values replaced, for what-if comparisons and tests.
   *
   * @param portableChanges keys of the portable part to set (a null value removes the key)
   * @param strictChanges keys of the strict part to set (a null value removes the key)
   * @return the changed environment
   * @throws InvalidInputException if a value cannot be written as canonical JSON
   */
  public Environment with(Map<String, ? extends @Nullable Object> portableChanges,
      Map<String, ? extends @Nullable Object> strictChanges) {
    return new Environment(apply(portable, portableChanges), apply(strict, strictChanges));
  }

  private static Map<String, Object> apply(Map<String, Object> base,
      Map<String, ? extends @Nullable Object> changes) {
    Map<String, Object> copy = new LinkedHashMap<>(base);
    changes.forEach((k, v) -> {
      if (v == null) {
        copy.remove(k);
      } else {
        copy.put(k, v);
      }
    });
    return copy;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> canonicalCopy(Map<String, Object> part, String name) {
    Object parsed = CanonicalJson.parse(CanonicalJson.write(part));
    return Collections.unmodifiableMap(new TreeMap<>((Map<String, Object>) Objects.requireNonNull(parsed,
        name)));
  }

  private static String property(String key) {
    String value = System.getProperty(key);
    return value == null ? "unknown" : value;
  }

  private static String osFamily(String osName) {
    String name = osName.toLowerCase(Locale.ROOT);
    if (name.contains("linux")) {
      return "linux";
    } else if (name.contains("mac") || name.contains("darwin")) {
      return "mac";
    } else if (name.contains("windows")) {
      return "windows";
    }
    return "other";
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Environment && ((Environment) o).portableDigest.equals(portableDigest)
        && ((Environment) o).strictDigest.equals(strictDigest);
  }

  @Override
  public int hashCode() {
    return portableDigest.hashCode() * 31 + strictDigest.hashCode();
  }

  /** Returns the Java and JVM versions and both digests. */
  @Override
  public String toString() {
    return "Environment[java " + portable.get("java.specification") + ", JVM " + strict.get("jvm.version")
        + ", portable " + portableDigest + ", strict " + strictDigest + "]";
  }
}
