package dev.mlops.core.hash;

import dev.mlops.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * A SHA-256 content digest, written {@code sha256:<64 lowercase hex digits>}.
 *
 * <p>Instances are immutable and safe to share between threads. Two digests are equal when their bytes
 * are equal. {@link #toString()} gives the canonical text form that {@link #parse(String)} reads back.
 */
public final class Digest implements Comparable<Digest> {
  /** The prefix of the text form. */
  public static final String PREFIX = "sha256:";

  private static final HexFormat HEX = HexFormat.of();
  private static final int LENGTH = 32;

  private final byte[] bytes;
  private final String text;

  private Digest(byte[] bytes) {
    this.bytes = bytes;
    this.text = PREFIX + HEX.formatHex(bytes);
  }

  /**
   * Wraps 32 raw digest bytes.
   *
   * @param bytes the SHA-256 output; copied
   * @return the digest
   * @throws InvalidInputException if {@code bytes} is not 32 bytes long
   */
  public static Digest ofBytes(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new InvalidInputException("a SHA-256 digest has 32 bytes, got " + bytes.length);
    }
    return new Digest(bytes.clone());
  }

  /**
   * Hashes bytes.
   *
   * @param content the bytes to hash
   * @return their SHA-256 digest
   */
  public static Digest sha256(byte[] content) {
    MessageDigest md = newSha256();
    return new Digest(md.digest(content));
  }

  /**
   * Hashes the UTF-8 encoding of a string.
   *
   * @param content the text to hash
   * @return the SHA-256 digest of its UTF-8 bytes
   */
  public static Digest sha256(String content) {
    return sha256(content.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Finishes a running {@link MessageDigest} into a digest.
   *
   * @param sha256 a SHA-256 message digest; it is reset by this call
   * @return the digest of everything fed to it
   */
  public static Digest finish(MessageDigest sha256) {
    return new Digest(sha256.digest());
  }

  /**
   * Creates a fresh SHA-256 {@link MessageDigest}.
   *
   * @return a new message digest, never shared
   */
  public static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }

  /**
   * Parses the text form {@code sha256:<64 lowercase hex>}.
   *
   * @param text the digest text
   * @return the digest
   * @throws InvalidInputException if the text is not in that exact form (upper-case hex is refused, so
   *     one digest has one spelling)
   */
  public static Digest parse(String text) {
    if (!isValid(text)) {
      throw new InvalidInputException(
          "not a digest: expected 'sha256:' followed by 64 lowercase hex digits, got '"
              + abbreviate(text) + "'");
    }
    return new Digest(HEX.parseHex(text, PREFIX.length(), text.length()));
  }

  /**
   * Tells whether a string is a digest in canonical text form.
   *
   * @param text the candidate, may be null
   * @return true if {@link #parse(String)} would accept it
   */
  public static boolean isValid(@Nullable String text) {
    if (text == null || text.length() != PREFIX.length() + 2 * LENGTH || !text.startsWith(PREFIX)) {
      return false;
    }
    for (int i = PREFIX.length(); i < text.length(); i++) {
      char c = text.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns the 64 lowercase hex digits without the prefix.
   *
   * @return the hex digits
   */
  public String hex() {
    return text.substring(PREFIX.length());
  }

  /**
   * Returns a copy of the 32 digest bytes.
   *
   * @return the raw bytes
   */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /**
   * Tells whether this digest equals the digest held by a finished message digest output.
   *
   * @param other raw digest bytes
   * @return true if equal, compared in constant time
   */
  public boolean matches(byte[] other) {
    return MessageDigest.isEqual(bytes, other);
  }

  @Override
  public int compareTo(Digest o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Digest && Arrays.equals(bytes, ((Digest) o).bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** Returns {@code sha256:<hex>}. */
  @Override
  public String toString() {
    return text;
  }

  static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
