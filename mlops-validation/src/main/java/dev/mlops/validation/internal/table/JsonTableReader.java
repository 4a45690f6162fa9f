package dev.mlops.validation.internal.table;

import dev.mlops.core.InvalidInputException;
import dev.mlops.validation.Column;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.Table;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a JSON array of objects, or JSON Lines (one object per line), into {@link Table} chunks with a streaming
 * parser. Keys become columns in order of first appearance; a key missing from an object is a null; nested
 * objects and arrays are kept as their JSON text in a {@code STRING} column. Not thread-safe.
 */
public final class JsonTableReader extends PrefetchingChunks {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private final JsonParser parser;
  private final String source;
  private final int chunkRows;
  private final Map<String, ColumnType> declared;
  private final boolean array;
  private @Nullable Map<String, ColumnType> schema;
  private boolean finished;

  /**
   * Opens a reader.
   *
   * @param in the characters, closed by {@link #close()}
   * @param source a name for error messages
   * @param declared declared column types; others are inferred (from the first chunk)
   * @param chunkRows objects per chunk, at least 1
   * @throws InvalidInputException if the input is neither an array nor objects
   */
  public JsonTableReader(Reader in, String source, Map<String, ColumnType> declared, int chunkRows) {
    this(source, declared, chunkRows, () -> MAPPER.createParser(in));
  }

  /**
   * Starts reading JSON bytes, which must be UTF-8: a malformed byte fails with its line and column.
   *
   * @param in the bytes, closed by {@link #close()}
   * @param source a name for error messages
   * @param declared declared column types; others are inferred (from the first chunk)
   * @param chunkRows objects per chunk, at least 1
   * @throws InvalidInputException if the input is neither an array nor objects
   */
  public JsonTableReader(java.io.InputStream in, String source, Map<String, ColumnType> declared, int chunkRows) {
    this(source, declared, chunkRows, () -> MAPPER.createParser(in));
  }

  private JsonTableReader(String source, Map<String, ColumnType> declared, int chunkRows,
      java.util.function.Supplier<JsonParser> open) {
    if (chunkRows < 1) {
      throw new InvalidInputException("chunk size must be at least 1 row, got " + chunkRows);
    }
    this.source = source;
    this.chunkRows = chunkRows;
    this.declared = Map.copyOf(declared);
    try {
      this.parser = open.get();
      JsonToken first = parser.nextToken();
      if (first == null) {
        array = false;
        finished = true;
      } else if (first == JsonToken.START_ARRAY) {
        array = true;
      } else if (first == JsonToken.START_OBJECT) {
        array = false;
      } else {
        throw new InvalidInputException(source + ": expected a JSON array of objects or JSON Lines objects, found "
            + first + " at line " + parser.currentLocation().getLineNr());
      }
    } catch (JacksonException e) {
      throw new InvalidInputException(source + ": malformed JSON: " + e.getOriginalMessage(), e);
    }
  }

  @Override
  String source() {
    return source;
  }

  @Override
  @Nullable Table readChunk() {
    if (finished) {
      return null;
    }
    Map<String, ObjectColumnAccumulator> columns = new LinkedHashMap<>();
    if (schema != null) {
      for (String name : schema.keySet()) {
        columns.put(name, new ObjectColumnAccumulator(name));
      }
    }
    int rows = 0;
    try {
      JsonToken t = parser.currentToken();
      while (rows < chunkRows) {
        if (array) {
          t = parser.nextToken();
          if (t == JsonToken.END_ARRAY) {
            finished = true;
            break;
          }
        } else if (rows > 0 || t != JsonToken.START_OBJECT) {
          t = parser.nextToken();
          if (t == null) {
            finished = true;
            break;
          }
        }
        if (t != JsonToken.START_OBJECT) {
          throw new InvalidInputException(source + ": line " + parser.currentLocation().getLineNr()
              + ": expected a JSON object for row " + rows + ", found " + t);
        }
        readObject(columns, rows);
        rows++;
        if (!array) {
          t = null;
        }
      }
    } catch (JacksonException e) {
      throw new InvalidInputException(source + ": malformed JSON at line " + parser.currentLocation().getLineNr()
          + ", column " + parser.currentLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
    }
    if (rows == 0) {
      return null;
    }
    List<Column> built = new ArrayList<>();
    Map<String, ColumnType> types = new LinkedHashMap<>();
    for (ObjectColumnAccumulator acc : columns.values()) {
      acc.padTo(rows);
    }
    for (Map.Entry<String, ObjectColumnAccumulator> e : columns.entrySet()) {
      ColumnType type = schema != null ? schema.get(e.getKey()) : declared.get(e.getKey());
      if (type == null) {
        if (schema != null) {
          throw new InvalidInputException(source + ": key '" + e.getKey() + "' first appears after the first chunk;"
              + " read with a larger chunk or declare it");
        }
        type = e.getValue().inferType();
      }
      types.put(e.getKey(), type);
      built.add(e.getValue().build(type, source));
    }
    if (schema == null) {
      schema = types;
    }
    return Table.of(built);
  }

  private void readObject(Map<String, ObjectColumnAccumulator> columns, int row) {
    JsonToken t;
    while ((t = parser.nextToken()) != JsonToken.END_OBJECT) {
      String key = parser.currentName();
      long line = parser.currentLocation().getLineNr();
      t = parser.nextToken();
      Object value;
      switch (t) {
        case VALUE_NULL:
          value = null;
          break;
        case VALUE_TRUE:
          value = Boolean.TRUE;
          break;
        case VALUE_FALSE:
          value = Boolean.FALSE;
          break;
        case VALUE_NUMBER_INT:
          value = parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? parser.getNumberValue()
              : (Object) parser.getLongValue();
          break;
        case VALUE_NUMBER_FLOAT:
          double d = parser.getDoubleValue();
          if (Double.isInfinite(d)) {
            throw new InvalidInputException(source + ": line " + line + ", key '" + key + "': the number "
                + CsvTableReader.shorten(parser.getString()) + " is beyond the range of a double");
          }
          value = d;
          break;
        case VALUE_STRING:
          value = parser.getString();
          break;
        default:
          value = parser.readValueAsTree().toString();
      }
      ColumnType declaredType = declared.get(key);
      if (value instanceof String && declaredType != null && declaredType != ColumnType.STRING) {
        value = convertDeclared((String) value, declaredType, key, line);
      }
      ObjectColumnAccumulator acc = columns.get(key);
      if (acc == null) {
        if (schema != null) {
          throw new InvalidInputException(source + ": line " + line + ": key '" + key
              + "' first appears after the first chunk; read with a larger chunk or declare it");
        }
        acc = new ObjectColumnAccumulator(key);
        columns.put(key, acc);
      }
      acc.padTo(row);
      if (acc.size() > row) {
        throw new InvalidInputException(source + ": line " + line + ": key '" + key + "' repeats in one object");
      }
      acc.add(value, line);
    }
  }

  private Object convertDeclared(String text, ColumnType type, String key, long line) {
    char[] c = text.toCharArray();
    switch (type) {
      case DATE: {
        long day = TextValues.parseDateOrMin(c, 0, c.length);
        if (day != IsoDateTimes.NOT_A_DATE) {
          return java.time.LocalDate.ofEpochDay(day);
        }
        break;
      }
      case TIMESTAMP: {
        long micros = TextValues.parseTimestampOrMin(c, 0, c.length);
        if (micros != IsoDateTimes.NOT_A_TIMESTAMP) {
          return java.time.Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
              Math.floorMod(micros, 1_000_000L) * 1000L);
        }
        break;
      }
      case LONG:
        if (TextValues.isLong(c, 0, c.length)) {
          return TextValues.parseLong(c, 0, c.length);
        }
        break;
      case DOUBLE:
        if (TextValues.isDouble(c, 0, c.length)) {
          return TextValues.parseDouble(c, 0, c.length);
        }
        break;
      default:
        if (TextValues.isBoolean(c, 0, c.length)) {
          return TextValues.parseBoolean(c, 0, c.length);
        }
    }
    throw new InvalidInputException(source + ": line " + line + ", key '" + key + "': '"
        + CsvTableReader.shorten(text) + "' is not a valid " + type + " as declared");
  }

  @Override
  public void close() {
    parser.close();
  }
}
