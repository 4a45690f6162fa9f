package dev.mlops.core.internal.artifact;

import dev.mlops.core.CorruptedDataException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes the JSON of artifact records with one Jackson mapper, without default typing.
 * Thread-safe (the mapper is immutable).
 */
final class ArtifactJson {
  private static final JsonMapper MAPPER = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private ArtifactJson() {}

  static byte[] write(Object value) {
    return MAPPER.writeValueAsBytes(value);
  }

  static <T> T read(byte[] json, Class<T> type, String where) {
    try {
      T value = MAPPER.readValue(json, type);
      if (value == null) {
        throw new CorruptedDataException(where + " holds JSON null instead of a " + type.getSimpleName());
      }
      return value;
    } catch (JacksonException e) {
      throw new CorruptedDataException(where + " is not a valid " + type.getSimpleName() + ": "
          + e.getOriginalMessage(), e);
    }
  }
}
