package dev.mlops.validation.internal.rules;

import dev.mlops.validation.Column;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.Rule;
import dev.mlops.validation.Table;
import dev.mlops.validation.TextFormat;
import dev.mlops.validation.internal.engine.ColumnTester;
import dev.mlops.validation.internal.engine.RowKernel;
import dev.mlops.validation.internal.engine.RowTester;
import dev.mlops.validation.internal.table.TextValues;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code isParseableAs}: strings parse as an integer, decimal, boolean, ISO date or JSON. A column whose declared
 * type already is the format passes every value.
 */
final class ParseableKernel extends RowKernel {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private final TextFormat format;

  ParseableKernel(Rule rule) {
    super(rule);
    Params.columns(rule, 1, 1);
    this.format = Params.choice(rule, "format", TextFormat.class);
  }

  private boolean alreadyTyped(ColumnType type) {
    switch (format) {
      case INTEGER:
        return type == ColumnType.LONG;
      case DECIMAL:
        return type.isNumeric();
      case BOOLEAN:
        return type == ColumnType.BOOLEAN;
      case DATE:
        return type == ColumnType.DATE;
      default:
        return false;
    }
  }

  @Override
  public @Nullable String schemaProblem(Map<String, ColumnType> schema) {
    String p = columnsProblem(schema);
    if (p != null) {
      return p;
    }
    ColumnType t = schema.get(rule().columns().get(0));
    if (t != ColumnType.STRING && !alreadyTyped(t)) {
      return "column '" + rule().columns().get(0) + "' is " + t + ", which is not " + format;
    }
    return null;
  }

  @Override
  public RowTester bind(Table table) {
    Column c = table.column(rule().columns().get(0));
    boolean typed = alreadyTyped(c.type());
    TextFormat f = format;
    return new ColumnTester(c, rule()) {
      @Override
      protected boolean check(int row) {
        return typed || parses(f, column.getString(row));
      }
    };
  }

  static boolean parses(TextFormat f, String s) {
    char[] c = s.toCharArray();
    switch (f) {
      case INTEGER:
        return TextValues.isLong(c, 0, c.length);
      case DECIMAL:
        return TextValues.isDouble(c, 0, c.length);
      case BOOLEAN:
        return TextValues.isBoolean(c, 0, c.length);
      case DATE:
        return TextValues.isDate(c, 0, c.length);
      default:
        try {
          MAPPER.readTree(s);
          return !s.isBlank();
        } catch (JacksonException e) {
          return false;
        }
    }
  }

  @Override
  public String reason(@Nullable Comparable<?> value) {
    return "'" + value + "' is not " + format;
  }
}
