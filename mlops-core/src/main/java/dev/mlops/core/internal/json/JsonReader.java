package dev.mlops.core.internal.json;

import dev.mlops.core.InvalidInputException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;

/**
 * Parses JSON text into plain Java values without losing number precision, refusing what RFC 8785 (and
 * I-JSON, RFC 7493) refuse: duplicate member names, lone surrogates, numbers too large for a double.
 *
 * <p>Values come back as {@link LinkedHashMap} (document order), {@link ArrayList}, {@link String},
 * {@link Boolean}, null, {@link Long} or {@link BigInteger} for integer literals (no fraction, no
 * exponent) and {@link Double} for every other number. Thread-safe: the factory is immutable and each
 * call uses its own parser.
 */
public final class JsonReader {
  private static final JsonFactory FACTORY =
      JsonFactory.builder().disable(StreamReadFeature.AUTO_CLOSE_SOURCE).build();
  private static final int MAX_DEPTH = 500;

  private JsonReader() {}

  /**
   * Parses one JSON text.
   *
   * @param json the text; exactly one value, optionally surrounded by whitespace
   * @return the value tree
   * @throws InvalidInputException if the text is not valid JSON, has trailing content, a duplicate member
   *     name, a lone surrogate or a number beyond the double range; the message names the path
   */
  public static @Nullable Object parse(String json) {
    try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), json)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new InvalidInputException("empty JSON text: expected one value");
      }
      Object value = read(p, first, JsonPath.ROOT, 0);
      JsonToken trailing = p.nextToken();
      if (trailing != null) {
        throw new InvalidInputException(
            "trailing content after the JSON value at " + p.currentLocation().toString());
      }
      return value;
    } catch (JacksonException e) {
      throw new InvalidInputException("malformed JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static @Nullable Object read(JsonParser p, JsonToken token, String path, int depth) {
    if (depth > MAX_DEPTH) {
      throw new InvalidInputException("JSON nested deeper than " + MAX_DEPTH + " levels at " + path);
    }
    switch (token) {
      case START_OBJECT:
        return object(p, path, depth);
      case START_ARRAY:
        return array(p, path, depth);
      case VALUE_STRING:
        return checkedString(p.getString(), path);
      case VALUE_NUMBER_INT:
        return integer(p.getString());
      case VALUE_NUMBER_FLOAT:
        return floating(p.getString(), path);
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new InvalidInputException("unexpected JSON token " + token + " at " + path);
    }
  }

  private static Map<String, @Nullable Object> object(JsonParser p, String path, int depth) {
    Map<String, @Nullable Object> members = new LinkedHashMap<>();
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
      String name = p.currentName();
      String memberPath = JsonPath.member(path, name);
      checkedString(name, memberPath);
      if (members.containsKey(name)) {
        throw new InvalidInputException("duplicate member name at " + memberPath);
      }
      members.put(name, read(p, p.nextToken(), memberPath, depth + 1));
    }
    return members;
  }

  private static List<@Nullable Object> array(JsonParser p, String path, int depth) {
    List<@Nullable Object> items = new ArrayList<>();
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      items.add(read(p, t, JsonPath.element(path, items.size()), depth + 1));
    }
    return items;
  }

  private static Object integer(String text) {
    BigInteger big = new BigInteger(text);
    return big.bitLength() < 64 ? (Object) big.longValue() : big;
  }

  private static Double floating(String text, String path) {
    double d = Double.parseDouble(text);
    if (Double.isInfinite(d)) {
      throw new InvalidInputException(
          "number " + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + " at " + path
              + " is beyond the range of an IEEE 754 double");
    }
    return d;
  }

  private static String checkedString(String s, String path) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new InvalidInputException(
            "lone surrogate \\u" + Integer.toHexString(c) + " in a string at " + path
                + "; JSON text must be valid Unicode");
      }
    }
    return s;
  }
}
