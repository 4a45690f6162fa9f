package dev.mlops.validation.internal.table;

import dev.mlops.core.InvalidInputException;
import dev.mlops.validation.Column;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns Java records, beans and maps into columns through {@link ObjectColumnAccumulator}. Stateless and
 * thread-safe.
 */
public final class JavaObjectColumns {
  private JavaObjectColumns() {}

  /**
   * Builds columns from maps; keys become columns in order of first appearance, missing keys are nulls.
   *
   * @param rows the maps
   * @return the columns
   */
  public static List<Column> fromMaps(List<? extends Map<String, ?>> rows) {
    Map<String, ObjectColumnAccumulator> columns = new LinkedHashMap<>();
    for (int r = 0; r < rows.size(); r++) {
      Map<String, ?> row = rows.get(r);
      if (row == null) {
        throw new InvalidInputException("map at row " + r + " is null");
      }
      for (Map.Entry<String, ?> e : row.entrySet()) {
        ObjectColumnAccumulator acc = columns.computeIfAbsent(e.getKey(), ObjectColumnAccumulator::new);
        acc.padTo(r);
        acc.add(e.getValue(), -1);
      }
    }
    return build(columns, rows.size(), "maps");
  }

  /**
   * Builds columns from records of one class; components become columns in declaration order.
   *
   * @param rows the records
   * @param type their class
   * @return the columns
   */
  public static List<Column> fromRecords(List<?> rows, Class<?> type) {
    if (!type.isRecord()) {
      throw new InvalidInputException(type.getName() + " is not a record class");
    }
    List<Method> getters = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (RecordComponent c : type.getRecordComponents()) {
      getters.add(c.getAccessor());
      names.add(c.getName());
    }
    return read(rows, type, getters, names);
  }

  /**
   * Builds columns from beans: every public no-argument {@code getX()} or {@code isX()} (boolean) becomes
   * column {@code x}, sorted by name ({@code getClass} excluded).
   *
   * @param rows the beans
   * @param type their class
   * @return the columns
   */
  public static List<Column> fromBeans(List<?> rows, Class<?> type) {
    List<Method> getters = new ArrayList<>();
    for (Method m : type.getMethods()) {
      if (Modifier.isStatic(m.getModifiers()) || m.getParameterCount() != 0 || m.getDeclaringClass() == Object.class) {
        continue;
      }
      String n = m.getName();
      boolean get = n.startsWith("get") && n.length() > 3 && m.getReturnType() != void.class;
      boolean is = n.startsWith("is") && n.length() > 2
          && (m.getReturnType() == boolean.class || m.getReturnType() == Boolean.class);
      if (get || is) {
        getters.add(m);
      }
    }
    getters.sort(Comparator.comparing(JavaObjectColumns::propertyName));
    List<String> names = new ArrayList<>();
    for (Method m : getters) {
      names.add(propertyName(m));
    }
    return read(rows, type, getters, names);
  }

  private static String propertyName(Method m) {
    String n = m.getName();
    String rest = n.startsWith("get") ? n.substring(3) : n.substring(2);
    return Character.toLowerCase(rest.charAt(0)) + rest.substring(1);
  }

  private static List<Column> read(List<?> rows, Class<?> type, List<Method> getters, List<String> names) {
    if (getters.isEmpty()) {
      throw new InvalidInputException(type.getName() + " has no readable properties");
    }
    for (Method m : getters) {
      // non-public record and bean classes (test fixtures, nested types) are readable on the class path
      m.trySetAccessible();
    }
    Map<String, ObjectColumnAccumulator> columns = new LinkedHashMap<>();
    for (String n : names) {
      columns.put(n, new ObjectColumnAccumulator(n));
    }
    for (int r = 0; r < rows.size(); r++) {
      Object row = rows.get(r);
      if (row == null || !type.isInstance(row)) {
        throw new InvalidInputException("row " + r + " is " + (row == null ? "null" : row.getClass().getName())
            + ", expected " + type.getName());
      }
      for (int k = 0; k < getters.size(); k++) {
        try {
          columns.get(names.get(k)).add(getters.get(k).invoke(row), -1);
        } catch (IllegalAccessException | InvocationTargetException e) {
          throw new InvalidInputException("cannot read property '" + names.get(k) + "' of row " + r + " ("
              + type.getName() + ")", e);
        }
      }
    }
    return build(columns, rows.size(), type.getName());
  }

  private static List<Column> build(Map<String, ObjectColumnAccumulator> columns, int rows, String source) {
    List<Column> out = new ArrayList<>();
    for (ObjectColumnAccumulator acc : columns.values()) {
      acc.padTo(rows);
      out.add(acc.build(acc.inferType(), source));
    }
    return out;
  }
}
