package dev.mlops.core.internal.content;

import dev.mlops.core.CorruptedDataException;
import dev.mlops.core.InvalidInputException;
import dev.mlops.core.hash.Digest;
import dev.mlops.core.json.CanonicalJson;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The content of a directory: its regular files, sorted by path in {@link RelativePaths#CODE_POINT_ORDER},
 * each with digest, size and executable bit. Empty directories are not recorded (as in git).
 *
 * <p>The manifest's JSON form is {@code {"entries":[{"digest":..,"executable":..,"path":..,"size":..},
 * ...],"format":"mlops.manifest.v1"}}, and its {@link #digest()} is
 * {@code CanonicalJson.digest("mlops.manifest.v1", that JSON)}. So the digest depends only on the
 * paths, contents and executable bits, never on file creation order, timestamps, the walking order of
 * the file system or the number of threads that hashed it. Immutable and thread-safe.
 */
public final class Manifest {
  /** The domain tag (and format name) of manifest digests. */
  public static final String DOMAIN_TAG = "mlops.manifest.v1";

  private final List<ManifestEntry> entries;
  /** The canonical JSON form in UTF-8, written once (it is both hashed and stored); never modified. */
  private final byte[] json;
  private final Digest digest;
  private final long totalSize;

  private Manifest(List<ManifestEntry> sorted) {
    this.entries = Collections.unmodifiableList(sorted);
    this.json = writeJson(sorted);
    MessageDigest sha = Digest.newSha256();
    sha.update(DOMAIN_TAG.getBytes(StandardCharsets.US_ASCII));
    sha.update((byte) '\n');
    sha.update(json);
    this.digest = Digest.finish(sha);
    long sum = 0;
    for (ManifestEntry e : sorted) {
      sum += e.size();
    }
    this.totalSize = sum;
  }

  /**
   * Creates a manifest from entries in any order.
   *
   * @param entries the files
   * @return the manifest, entries sorted by path
   * @throws InvalidInputException if two entries have the same path, or one path is a directory prefix of
   *     another ({@code a} and {@code a/b} cannot both be files)
   */
  public static Manifest of(Collection<ManifestEntry> entries) {
    List<ManifestEntry> sorted = new ArrayList<>(entries);
    sorted.sort((a, b) -> RelativePaths.CODE_POINT_ORDER.compare(a.path(), b.path()));
    for (int i = 1; i < sorted.size(); i++) {
      String previous = sorted.get(i - 1).path();
      String current = sorted.get(i).path();
      if (previous.equals(current)) {
        throw new InvalidInputException("duplicate path in manifest: " + current);
      }
    }
    String checkedParent = null;
    for (ManifestEntry e : sorted) {
      String path = e.path();
      int last = path.lastIndexOf('/');
      if (last < 0 || (checkedParent != null && checkedParent.length() == last && path.startsWith(checkedParent))) {
        continue; // no parent, or the same parent as a previous entry, whose ancestors were checked then
      }
      for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
        String ancestor = path.substring(0, slash);
        if (indexOf(sorted, ancestor) >= 0) {
          throw new InvalidInputException(
              "manifest path " + path + " lies under " + ancestor + ", which is a file");
        }
      }
      checkedParent = path.substring(0, last);
    }
    return new Manifest(sorted);
  }

  /**
   * Reads the JSON form back, checking every path and recomputing the digest.
   *
   * @param json the text {@link #toJson()} wrote
   * @return the manifest
   * @throws InvalidInputException if the text is not a manifest or a path is invalid (a traversal attempt)
   */
  public static Manifest parse(String json) {
    Object root = CanonicalJson.parse(json);
    if (!(root instanceof Map) || !DOMAIN_TAG.equals(((Map<?, ?>) root).get("format"))
        || !(((Map<?, ?>) root).get("entries") instanceof List)) {
      throw new InvalidInputException("not a " + DOMAIN_TAG + " manifest: expected format and entries");
    }
    List<ManifestEntry> entries = new ArrayList<>();
    int index = 0;
    for (Object item : (List<?>) ((Map<?, ?>) root).get("entries")) {
      String where = "$.entries[" + index++ + "]";
      if (!(item instanceof Map)) {
        throw new InvalidInputException("manifest entry " + where + " is not an object");
      }
      Map<?, ?> m = (Map<?, ?>) item;
      Object path = m.get("path");
      Object digest = m.get("digest");
      Object size = m.get("size");
      Object executable = m.get("executable");
      if (!(path instanceof String) || !(digest instanceof String) || !(executable instanceof Boolean)
          || !(size instanceof Long || size instanceof BigInteger) || m.size() != 4) {
        throw new InvalidInputException(
            "manifest entry " + where + " must have exactly path, digest, size and executable");
      }
      if (!(size instanceof Long)) {
        throw new InvalidInputException("manifest entry " + where + " has an impossible size " + size);
      }
      entries.add(new ManifestEntry((String) path, Digest.parse((String) digest), (Long) size,
          (Boolean) executable));
    }
    return of(entries);
  }

  /**
   * Reads the JSON form back and checks it against an expected digest.
   *
   * @param json the manifest text
   * @param expected the digest the manifest must have
   * @return the manifest
   * @throws CorruptedDataException if the recomputed digest differs
   * @throws InvalidInputException if the text is not a valid manifest
   */
  public static Manifest parse(String json, Digest expected) {
    Manifest m = parse(json);
    if (!m.digest.equals(expected)) {
      throw new CorruptedDataException(
          "manifest digest mismatch: expected " + expected + ", content hashes to " + m.digest);
    }
    return m;
  }

  /**
   * Returns the entries, sorted by path in code-point order.
   *
   * @return an unmodifiable list
   */
  public List<ManifestEntry> entries() {
    return entries;
  }

  /**
   * Finds an entry.
   *
   * @param path the relative path
   * @return the entry, or empty
   */
  public Optional<ManifestEntry> find(String path) {
    int i = indexOf(entries, path);
    return i < 0 ? Optional.empty() : Optional.of(entries.get(i));
  }

  /** Binary search of a list sorted by path; -1 if absent. */
  private static int indexOf(List<ManifestEntry> sorted, String path) {
    int lo = 0;
    int hi = sorted.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = RelativePaths.CODE_POINT_ORDER.compare(sorted.get(mid).path(), path);
      if (c == 0) {
        return mid;
      } else if (c < 0) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return -1;
  }

  /**
   * Returns the canonical digest of this manifest.
   *
   * @return {@code CanonicalJson.digest(DOMAIN_TAG, json form)}
   */
  public Digest digest() {
    return digest;
  }

  /**
   * Returns the sum of the entry sizes.
   *
   * @return total bytes
   */
  public long totalSize() {
    return totalSize;
  }

  /**
   * Returns the canonical JSON form, written once when the manifest was made.
   *
   * <p>The text is assembled directly rather than through a generic JSON tree (a 10,000-file manifest
   * spent more time there than hashing its files on two threads), and equals
   * {@code CanonicalJson.write} of the equivalent map: members in the RFC 8785 order ({@code digest},
   * {@code executable}, {@code path}, {@code size}; {@code entries}, {@code format}), the only free text
   * (paths) written as they are when they are printable ASCII without quote or backslash, escaped by
   * {@link CanonicalJson#write} otherwise, sizes as plain integers. A property test checks the equality.
   *
   * @return the JSON text that {@link #parse(String)} reads back
   */
  public String toJson() {
    return new String(json, StandardCharsets.UTF_8);
  }

  /**
   * Returns the canonical JSON form as UTF-8 bytes, the form that is stored.
   *
   * @return a fresh copy of the bytes
   */
  public byte[] toJsonBytes() {
    return json.clone();
  }

  private static byte[] writeJson(List<ManifestEntry> entries) {
    JsonBytes out = new JsonBytes(64 + entries.size() * 160);
    out.ascii("{\"entries\":[");
    for (int i = 0; i < entries.size(); i++) {
      ManifestEntry e = entries.get(i);
      if (i > 0) {
        out.ascii(",");
      }
      out.ascii("{\"digest\":\"").ascii(e.digest().toString()).ascii("\",\"executable\":")
          .ascii(e.executable() ? "true" : "false").ascii(",\"path\":").string(e.path())
          .ascii(",\"size\":").ascii(Long.toString(e.size())).ascii("}");
    }
    return out.ascii("],\"format\":\"").ascii(DOMAIN_TAG).ascii("\"}").toBytes();
  }

  /** A growable UTF-8 buffer for {@link #writeJson}; one per call, not shared. */
  private static final class JsonBytes {
    private byte[] bytes;
    private int length;

    JsonBytes(int capacity) {
      bytes = new byte[capacity];
    }

    /** Appends text known to be ASCII. */
    JsonBytes ascii(String s) {
      reserve(s.length());
      for (int i = 0; i < s.length(); i++) {
        bytes[length++] = (byte) s.charAt(i);
      }
      return this;
    }

    /**
     * Appends a JSON string: printable ASCII other than quote and backslash as it is (which is what RFC 8785
     * writes for it), anything else through {@link CanonicalJson#write}.
     */
    JsonBytes string(String s) {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
          byte[] utf8 = CanonicalJson.write(s).getBytes(StandardCharsets.UTF_8);
          reserve(utf8.length);
          System.arraycopy(utf8, 0, bytes, length, utf8.length);
          length += utf8.length;
          return this;
        }
      }
      reserve(s.length() + 2);
      bytes[length++] = '"';
      ascii(s);
      bytes[length++] = '"';
      return this;
    }

    private void reserve(int more) {
      if (length + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(length + more, bytes.length * 2));
      }
    }

    byte[] toBytes() {
      return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
    }
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Manifest && ((Manifest) o).entries.equals(entries);
  }

  @Override
  public int hashCode() {
    return digest.hashCode();
  }

  /** Returns the digest, the number of files and their total size. */
  @Override
  public String toString() {
    return "Manifest[" + digest + ", " + entries.size() + " files, " + totalSize + " bytes]";
  }
}
