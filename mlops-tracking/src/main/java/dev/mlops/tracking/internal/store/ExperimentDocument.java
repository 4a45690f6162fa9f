package dev.mlops.tracking.internal.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The JSON body of an experiment record.
 *
 * @param id the experiment id
 * @param name the name
 * @param createdAt creation time, epoch milliseconds
 * @param tags the tags
 * @param deleted the soft-delete flag
 */
public record ExperimentDocument(String id, String name, long createdAt, Map<String, String> tags, boolean deleted) {
  /** A bare streaming parser: no data binding, which would cost a new process hundreds of milliseconds to set up. */
  private static final JsonFactory JSON = new JsonFactory();

  /** Normalizes the tags into a sorted copy. */
  public ExperimentDocument {
    tags = new TreeMap<>(tags == null ? Map.of() : tags);
  }

  /**
   * Decodes an experiment record. Every search and run start reads one, often as the first JSON a process decodes:
   * a body of the shape {@link TrackingJson} writes (an object of the five fields, string tags, unknown fields
   * skipped) is read with Jackson's streaming parser, and anything else goes to {@link TrackingJson#read}, so that
   * the result, or the error, is the mapper's.
   *
   * @param key the record key, for the error message
   * @param bytes the body
   * @return the document
   * @throws dev.mlops.core.CorruptedDataException if the body is not a valid experiment document
   */
  public static ExperimentDocument read(String key, byte[] bytes) {
    ExperimentDocument plain = readPlain(bytes);
    return plain != null ? plain : TrackingJson.read(key, bytes, ExperimentDocument.class);
  }

  /** The document, or null if the body is not exactly the plain shape (the mapper then decides). */
  static @Nullable ExperimentDocument readPlain(byte[] bytes) {
    try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), bytes)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      String id = null;
      String name = null;
      long createdAt = 0;
      Map<String, String> tags = null;
      boolean deleted = false;
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
        String field = p.currentName();
        JsonToken v = p.nextToken();
        switch (field) {
          case "id":
          case "name":
            if (v != JsonToken.VALUE_STRING) {
              return null;
            }
            if (field.equals("id")) {
              id = p.getString();
            } else {
              name = p.getString();
            }
            break;
          case "createdAt":
            if (v != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
              return null;
            }
            createdAt = p.getLongValue();
            break;
          case "deleted":
            if (v != JsonToken.VALUE_TRUE && v != JsonToken.VALUE_FALSE) {
              return null;
            }
            deleted = v == JsonToken.VALUE_TRUE;
            break;
          case "tags":
            if (v != JsonToken.START_OBJECT) {
              return null;
            }
            tags = new LinkedHashMap<>();
            while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
              String k = p.currentName();
              if (p.nextToken() != JsonToken.VALUE_STRING) {
                return null;
              }
              tags.put(k, p.getString());
            }
            break;
          default:
            p.skipChildren(); // unknown fields are ignored, as the mapper ignores them
        }
      }
      if (t != JsonToken.END_OBJECT || p.nextToken() != null || id == null || name == null) {
        return null;
      }
      return new ExperimentDocument(id, name, createdAt, tags, deleted);
    } catch (JacksonException e) {
      return null;
    }
  }
}
