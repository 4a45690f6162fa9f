package dev.mlops.core.json;

import dev.mlops.core.InvalidInputException;
import dev.mlops.core.hash.Digest;
import dev.mlops.core.internal.json.JcsWriter;
import dev.mlops.core.internal.json.JsonReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Canonical JSON per RFC 8785 (JCS), and SHA-256 digests of it behind a versioned domain tag.
 *
 * <p>The canonical form has no whitespace, object members sorted by the UTF-16 code units of their names,
 * strings with the minimal escaping of RFC 8785 section 3.2.2.2 (only {@code "}, {@code \}, and control
 * characters, the latter as the two-character escapes {@code \b \f \n \r \t} or a six-character {@code u00xx} escape in
 * lowercase hex), and numbers in
 * ECMAScript's {@code Number.prototype.toString} form ({@code 1e+30}, {@code 4.5}, {@code 0.002},
 * {@code -0} written {@code 0}).
 *
 * <p><b>Numbers.</b> Floating-point values ({@code Double}, {@code Float}, non-integral
 * {@code BigDecimal}, and JSON literals with a fraction or exponent) are IEEE 754 doubles written as RFC
 * 8785 demands; a {@code Float} is widened exactly, so {@code 0.1f} is {@code 0.10000000149011612}.
 * Integers ({@code Byte}, {@code Short}, {@code Integer}, {@code Long}, {@code BigInteger}, integral
 * {@code BigDecimal}, and JSON literals without fraction or exponent) are written with their exact
 * decimal digits. Within ±2<sup>53</sup> this is exactly what RFC 8785 writes; beyond it, RFC 8785 would
 * round to the nearest double, and keeping the exact value instead is this library's one deliberate
 * extension over strict I-JSON (RFC 7493), so that a seed or an id such as {@code 9007199254740993}
 * never collides with its neighbour. NaN and infinities are refused with an {@link InvalidInputException}
 * naming the path ({@code $.config.lr}).
 *
 * <p><b>Java values</b> accepted by {@link #write(Object)}: null; {@code Boolean}; {@code String}
 * and other {@code CharSequence}s; {@code Character}; the numbers above; {@code Map} with String keys
 * (other keys are refused); {@code List} and other collections and arrays, in their order; {@code Set},
 * whose elements are sorted by their canonical text since a set has no order of its own;
 * {@code Optional} (empty is null); enums (their {@code name()}); records (their components);
 * {@code java.time} values, {@code UUID}, {@code URI}, {@code Locale} (language tag) and
 * {@link Digest} as their ISO or canonical strings; any other object as a Java bean through its public
 * getters. A {@code Path} or {@code File} is refused, since its text depends on the machine. Cycles, lone
 * surrogates and objects with no readable properties are refused.
 *
 * <p><b>Digest framing.</b> {@link #digest(String, Object)} is SHA-256 over the UTF-8 bytes of the
 * domain tag, one line feed byte ({@code 0x0A}), then the UTF-8 bytes of the canonical JSON; nothing else.
 * A tag is lowercase ASCII, dot-separated and ends in a version ({@code mlops.fingerprint.v1}), so it
 * cannot contain the separator and two kinds of documents with equal JSON never share a digest.
 *
 * <p>All methods are static, stateless and thread-safe.
 */
public final class CanonicalJson {
  private static final Pattern DOMAIN_TAG =
      Pattern.compile("[a-z][a-z0-9_-]*(\\.[a-z][a-z0-9_-]*)*\\.v[1-9][0-9]{0,5}");

  private CanonicalJson() {}

  /**
   * Parses JSON text and writes it in canonical form.
   *
   * @param json any JSON text (one value, surrounding whitespace allowed)
   * @return its RFC 8785 canonical form
   * @throws InvalidInputException if the text is malformed, has a duplicate member name, a lone surrogate
   *     or a number beyond the double range; the message names the path
   */
  public static String canonicalize(String json) {
    return JcsWriter.write(JsonReader.parse(json));
  }

  /**
   * Parses JSON text into plain Java values, keeping every integer exact.
   *
   * @param json any JSON text
   * @return a tree of {@code Map<String, Object>} (document order), {@code List<Object>}, {@code String},
   *     {@code Boolean}, {@code Long} or {@code BigInteger} (integer literals), {@code Double} (other
   *     numbers) and null; {@code write(parse(json))} equals {@code canonicalize(json)}
   * @throws InvalidInputException as {@link #canonicalize(String)} does
   */
  public static @Nullable Object parse(String json) {
    return JsonReader.parse(json);
  }

  /**
   * Writes a Java value as canonical JSON text.
   *
   * @param value the value (see the class comment for the supported types), may be null
   * @return its RFC 8785 canonical form
   * @throws InvalidInputException if the value or anything inside it cannot be written canonically (NaN,
   *     infinity, a non-String map key, a lone surrogate, a cycle, an unreadable object); the message
   *     names the path
   */
  public static String write(@Nullable Object value) {
    return JcsWriter.write(value);
  }

  /**
   * Writes a Java value as the UTF-8 bytes of its canonical JSON.
   *
   * @param value the value, may be null
   * @return the canonical UTF-8 bytes
   * @throws InvalidInputException as {@link #write(Object)} does
   */
  public static byte[] toBytes(@Nullable Object value) {
    return write(value).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Digests a Java value: SHA-256 over {@code UTF-8(domainTag) || 0x0A || toBytes(value)}.
   *
   * @param domainTag what kind of document this is, with its format version, e.g.
   *     {@code mlops.manifest.v1}: lowercase ASCII letters, digits, {@code _} and {@code -} in
   *     dot-separated segments, ending in {@code .v<number>}
   * @param value the value to digest, may be null
   * @return the digest
   * @throws InvalidInputException if the tag is malformed or the value cannot be written canonically
   */
  public static Digest digest(String domainTag, @Nullable Object value) {
    return digestCanonical(domainTag, toBytes(value));
  }

  /**
   * Digests JSON text after canonicalizing it, framed as {@link #digest(String, Object)} frames.
   *
   * @param domainTag the versioned domain tag
   * @param json any JSON text
   * @return the digest of its canonical form
   * @throws InvalidInputException if the tag or the text is malformed
   */
  public static Digest digestJson(String domainTag, String json) {
    return digestCanonical(domainTag, canonicalize(json).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Checks a domain tag.
   *
   * @param domainTag the candidate
   * @return the tag
   * @throws InvalidInputException if it is not lowercase dot-separated ASCII ending in {@code .v<n>}
   */
  public static String checkDomainTag(String domainTag) {
    if (!DOMAIN_TAG.matcher(domainTag).matches()) {
      throw new InvalidInputException(
          "bad domain tag '" + (domainTag.length() > 80 ? domainTag.substring(0, 80) + "..." : domainTag)
              + "': expected lowercase dot-separated ASCII ending in a version, like mlops.manifest.v1");
    }
    return domainTag;
  }

  private static Digest digestCanonical(String domainTag, byte[] canonical) {
    MessageDigest sha = Digest.newSha256();
    sha.update(checkDomainTag(domainTag).getBytes(StandardCharsets.US_ASCII));
    sha.update((byte) '\n');
    sha.update(canonical);
    return Digest.finish(sha);
  }
}
