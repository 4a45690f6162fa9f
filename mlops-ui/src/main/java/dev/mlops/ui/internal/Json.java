package dev.mlops.ui.internal;

import dev.mlops.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The UI's JSON: plain maps, lists, strings, numbers and booleans in, UTF-8 out; no default typing. */
public final class Json {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private Json() {}

  /**
   * Writes a value as JSON.
   *
   * @param value maps, lists, strings, numbers, booleans, nulls or Jackson trees
   * @return UTF-8 JSON
   */
  public static byte[] write(@Nullable Object value) {
    return MAPPER.writeValueAsBytes(value);
  }

  /**
   * Writes a value as a JSON string.
   *
   * @param value as for {@link #write}
   * @return the JSON text
   */
  public static String writeString(@Nullable Object value) {
    return new String(write(value), StandardCharsets.UTF_8);
  }

  /**
   * Parses JSON text into a tree.
   *
   * @param text the JSON text
   * @param what what the text is, for the error
   * @return the tree
   * @throws InvalidInputException if the text is not JSON
   */
  public static JsonNode parse(String text, String what) {
    try {
      return MAPPER.readTree(text);
    } catch (JacksonException e) {
      throw new InvalidInputException(what + " is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Parses JSON bytes into a tree.
   *
   * @param bytes UTF-8 JSON
   * @param what what the bytes are, for the error
   * @return the tree
   * @throws InvalidInputException if the bytes are not JSON
   */
  public static JsonNode parse(byte[] bytes, String what) {
    try {
      return MAPPER.readTree(bytes);
    } catch (JacksonException e) {
      throw new InvalidInputException(what + " is not JSON: " + e.getOriginalMessage(), e);
    }
  }
}
