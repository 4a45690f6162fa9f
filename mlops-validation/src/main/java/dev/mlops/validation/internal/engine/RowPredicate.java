package dev.mlops.validation.internal.engine;

import dev.mlops.core.InvalidInputException;
import dev.mlops.validation.Column;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.RowFilter;
import dev.mlops.validation.internal.table.TextValues;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** A {@link RowFilter} compiled against one table. Stateless after binding; thread-safe. */
public interface RowPredicate {
  /**
   * Tells whether the filter accepts a row.
   *
   * @param row the row index
   * @return {@code true} if accepted
   */
  boolean test(int row);

  /**
   * Says why a filter cannot apply to a schema, or {@code null}.
   *
   * @param filter the filter
   * @param schema the schema
   * @return the problem or {@code null}
   */
  static @Nullable String schemaProblem(RowFilter filter, Map<String, ColumnType> schema) {
    if (!filter.children().isEmpty()) {
      for (RowFilter c : filter.children()) {
        String p = schemaProblem(c, schema);
        if (p != null) {
          return p;
        }
      }
      return null;
    }
    ColumnType type = schema.get(filter.column());
    if (type == null) {
      return "the where filter reads column '" + filter.column() + "', which the table does not have";
    }
    Object v = filter.value();
    if (v == null) {
      return null;
    }
    boolean fits;
    switch (type) {
      case LONG:
      case DOUBLE:
        fits = v instanceof Number;
        break;
      case BOOLEAN:
        fits = v instanceof Boolean;
        break;
      case DATE:
        fits = v instanceof String && TextValues.isDate(((String) v).toCharArray(), 0, ((String) v).length());
        break;
      case TIMESTAMP:
        fits = v instanceof String && TextValues.isTimestamp(((String) v).toCharArray(), 0, ((String) v).length());
        break;
      default:
        fits = v instanceof String;
    }
    return fits ? null : "the where filter compares " + type + " column '" + filter.column() + "' with " + v;
  }

  /**
   * Compiles a filter for a table whose schema passed {@link #schemaProblem}.
   *
   * @param filter the filter
   * @param columns the table's columns by name (such as {@code table::column}); taking them rather than the
   *     table keeps this package's filters free of a dependency back on {@link dev.mlops.validation.Table}
   * @return the predicate
   */
  static RowPredicate bind(RowFilter filter, Function<String, Column> columns) {
    switch (filter.op()) {
      case AND: {
        RowPredicate[] ps = bindAll(filter.children(), columns);
        return r -> {
          for (RowPredicate p : ps) {
            if (!p.test(r)) {
              return false;
            }
          }
          return true;
        };
      }
      case OR: {
        RowPredicate[] ps = bindAll(filter.children(), columns);
        return r -> {
          for (RowPredicate p : ps) {
            if (p.test(r)) {
              return true;
            }
          }
          return false;
        };
      }
      case NOT: {
        RowPredicate p = bind(filter.children().get(0), columns);
        return r -> !p.test(r);
      }
      default:
        break;
    }
    Column c = columns.apply(filter.column());
    switch (filter.op()) {
      case IS_NULL:
        return c::isNull;
      case IS_NOT_NULL:
        return r -> !c.isNull(r);
      case IN: {
        Set<String> texts = new HashSet<>(filter.values());
        return r -> !c.isNull(r) && texts.contains(c.format(r));
      }
      default:
        return comparison(filter, c);
    }
  }

  private static RowPredicate[] bindAll(List<RowFilter> filters, Function<String, Column> columns) {
    RowPredicate[] ps = new RowPredicate[filters.size()];
    for (int i = 0; i < ps.length; i++) {
      ps[i] = bind(filters.get(i), columns);
    }
    return ps;
  }

  private static RowPredicate comparison(RowFilter filter, Column c) {
    RowFilter.Op op = filter.op();
    Object v = filter.value();
    switch (c.type()) {
      case LONG:
      case DOUBLE: {
        double bound = ((Number) v).doubleValue();
        return r -> !c.isNull(r) && accept(op, Double.compare(c.getDouble(r), bound), Double.isNaN(c.getDouble(r)));
      }
      case BOOLEAN: {
        int bound = ((Boolean) v) ? 1 : 0;
        return r -> !c.isNull(r) && accept(op, Integer.compare(c.getBoolean(r) ? 1 : 0, bound), false);
      }
      case DATE:
      case TIMESTAMP: {
        char[] t = ((String) v).toCharArray();
        long bound = c.type() == ColumnType.DATE ? TextValues.parseDate(t, 0, t.length)
            : TextValues.parseTimestamp(t, 0, t.length);
        return r -> !c.isNull(r) && accept(op, Long.compare(c.getLong(r), bound), false);
      }
      default: {
        String bound = (String) v;
        return r -> !c.isNull(r) && accept(op, c.getString(r).compareTo(bound), false);
      }
    }
  }

  private static boolean accept(RowFilter.Op op, int cmp, boolean nan) {
    if (nan) {
      return op == RowFilter.Op.NE;
    }
    switch (op) {
      case EQ:
        return cmp == 0;
      case NE:
        return cmp != 0;
      case LT:
        return cmp < 0;
      case LE:
        return cmp <= 0;
      case GT:
        return cmp > 0;
      case GE:
        return cmp >= 0;
      default:
        throw new InvalidInputException("not a comparison: " + op);
    }
  }
}
