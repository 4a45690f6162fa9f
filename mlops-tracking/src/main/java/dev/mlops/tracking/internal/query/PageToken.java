package dev.mlops.tracking.internal.query;

import dev.mlops.core.InvalidInputException;
import dev.mlops.tracking.internal.store.TrackingJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;

/**
 * Keyset page tokens: the sort tuple of the last run of a page plus a digest of the query it belongs to,
 * as URL-safe base64 of a JSON array. A page continues strictly after the tuple, so runs added or changed
 * between pages neither repeat nor shift the pages already read. Stateless.
 */
public final class PageToken {
  private PageToken() {}

  /**
   * Encodes a token.
   *
   * @param query the query digest from {@link #digest}
   * @param tuple the last run's sort tuple
   * @return the token
   */
  public static String encode(String query, @Nullable Object[] tuple) {
    List<String> parts = new ArrayList<>();
    parts.add(query);
    for (Object v : tuple) {
      if (v == null) {
        parts.add("n");
      } else if (v instanceof Double) {
        parts.add("d" + Long.toHexString(Double.doubleToLongBits((Double) v)));
      } else {
        parts.add("s" + v);
      }
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(TrackingJson.write(parts));
  }

  /**
   * Decodes a token and checks that it belongs to the query.
   *
   * @param token the token
   * @param query the query digest
   * @param size the tuple size expected
   * @return the tuple
   * @throws InvalidInputException if the token is malformed or from another query
   */
  public static Object[] decode(String token, String query, int size) {
    List<String> parts;
    try {
      byte[] json = Base64.getUrlDecoder().decode(token);
      parts = TrackingJson.mapper().readValue(json, new TypeReference<List<String>>() {});
    } catch (IllegalArgumentException | JacksonException e) {
      throw new InvalidInputException("page token '" + shorten(token) + "' is malformed", e);
    }
    if (parts.size() != size + 1 || !query.equals(parts.get(0))) {
      throw new InvalidInputException("page token '" + shorten(token) + "' belongs to another search "
          + "(a token only continues the same experiment, filter and order)");
    }
    Object[] tuple = new Object[size];
    try {
      for (int i = 0; i < size; i++) {
        String p = parts.get(i + 1);
        char tag = p.isEmpty() ? '?' : p.charAt(0);
        if (tag == 'n') {
          tuple[i] = null;
        } else if (tag == 'd') {
          tuple[i] = Double.longBitsToDouble(Long.parseUnsignedLong(p.substring(1), 16));
        } else if (tag == 's') {
          tuple[i] = p.substring(1);
        } else {
          throw new InvalidInputException("page token '" + shorten(token) + "' is malformed");
        }
      }
    } catch (NumberFormatException e) {
      throw new InvalidInputException("page token '" + shorten(token) + "' is malformed", e);
    }
    if (!(tuple[size - 1] instanceof String)) {
      throw new InvalidInputException("page token '" + shorten(token) + "' is malformed");
    }
    return tuple;
  }

  /**
   * Digests a query so tokens cannot be replayed against another one.
   *
   * @param parts the experiment id, filter and order-by clauses
   * @return 16 hex characters
   */
  public static String digest(List<String> parts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (String p : parts) {
        md.update(p.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
      }
      return HexFormat.of().formatHex(md.digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  private static String shorten(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}
