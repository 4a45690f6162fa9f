package dev.mlops.tracking.internal.store;

import dev.mlops.core.CorruptedDataException;
import dev.mlops.core.StorageException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapper for tracking record bodies: no default typing, unknown fields ignored (newer
 * writers may add some), NaN and infinities written as strings. Thread-safe.
 */
public final class TrackingJson {
  private static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private TrackingJson() {}

  /** @return the shared mapper */
  public static JsonMapper mapper() {
    return MAPPER;
  }

  /**
   * Serializes a value.
   *
   * @param value the value
   * @return UTF-8 JSON
   * @throws StorageException if serialization fails
   */
  public static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JacksonException e) {
      throw new StorageException("cannot serialize " + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses a record body.
   *
   * @param key the record key, for the error message
   * @param bytes the body
   * @param type the type
   * @param <T> the type
   * @return the value
   * @throws CorruptedDataException if the body is not valid JSON of that type
   */
  public static <T> T read(String key, byte[] bytes, Class<T> type) {
    try {
      return MAPPER.readValue(bytes, type);
    } catch (JacksonException e) {
      throw new CorruptedDataException("record '" + key + "' is not a valid " + type.getSimpleName() + ": "
          + e.getOriginalMessage(), e);
    }
  }
}
