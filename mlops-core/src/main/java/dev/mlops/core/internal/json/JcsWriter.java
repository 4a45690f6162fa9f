package dev.mlops.core.internal.json;

import dev.mlops.core.InvalidInputException;
import dev.mlops.core.hash.Digest;
import java.io.File;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * Writes Java values as RFC 8785 canonical JSON text. See {@code dev.mlops.core.json.CanonicalJson} for
 * the mapping of Java types. A writer is single-use and not thread-safe; {@link #write(Object)} creates
 * one per call.
 */
public final class JcsWriter {
  /** Integral BigDecimal values with more digits than this are refused rather than expanded. */
  private static final int MAX_INTEGER_DIGITS = 1000;

  private static final int MAX_DEPTH = 500;

  private final StringBuilder out = new StringBuilder(256);

  /** Containers being written, to refuse cycles; guarded by being confined to one call. */
  private final Set<Object> inProgress = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

  private JcsWriter() {}

  /**
   * Writes one value as canonical JSON.
   *
   * @param value the value, may be null
   * @return the canonical JSON text
   * @throws InvalidInputException if the value or anything inside it cannot be written (NaN, a non-String
   *     map key, a lone surrogate, a cycle, an object without properties); the message names the path
   */
  public static String write(@Nullable Object value) {
    JcsWriter writer = new JcsWriter();
    writer.value(value, JsonPath.ROOT, 0);
    return writer.out.toString();
  }

  private void value(@Nullable Object value, String path, int depth) {
    if (depth > MAX_DEPTH) {
      throw new InvalidInputException("nesting deeper than " + MAX_DEPTH + " levels at " + path);
    }
    if (value == null) {
      out.append("null");
    } else if (value instanceof Boolean) {
      out.append(((Boolean) value).booleanValue() ? "true" : "false");
    } else if (value instanceof CharSequence || value instanceof Character) {
      string(value.toString(), path);
    } else if (value instanceof Number) {
      out.append(number((Number) value, path));
    } else if (value instanceof Enum<?>) {
      string(((Enum<?>) value).name(), path);
    } else if (value instanceof Optional<?>) {
      value(((Optional<?>) value).orElse(null), path, depth);
    } else if (value instanceof OptionalInt || value instanceof OptionalLong
        || value instanceof OptionalDouble) {
      optionalPrimitive(value, path);
    } else if (value instanceof Path || value instanceof File) {
      throw new InvalidInputException(
          "a file path cannot be written as canonical JSON at " + path
              + ": its text depends on the machine; pass a relative path as a String");
    } else if (isTextual(value)) {
      string(text(value), path);
    } else {
      container(value, path, depth);
    }
  }

  private void container(Object value, String path, int depth) {
    if (!inProgress.add(value)) {
      throw new InvalidInputException("cycle detected at " + path + ": a value contains itself");
    }
    try {
      if (value instanceof Map<?, ?>) {
        object(mapEntries((Map<?, ?>) value, path), path, depth);
      } else if (value instanceof Set<?>) {
        set((Set<?>) value, path, depth);
      } else if (value instanceof Collection<?>) {
        array(new ArrayList<>((Collection<?>) value), path, depth);
      } else if (value.getClass().isArray()) {
        int n = Array.getLength(value);
        List<@Nullable Object> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          items.add(Array.get(value, i));
        }
        array(items, path, depth);
      } else if (value instanceof Record) {
        object(recordComponents((Record) value, path), path, depth);
      } else {
        object(beanProperties(value, path), path, depth);
      }
    } finally {
      inProgress.remove(value);
    }
  }

  private void object(TreeMap<String, @Nullable Object> members, String path, int depth) {
    out.append('{');
    boolean first = true;
    for (Map.Entry<String, @Nullable Object> e : members.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      String memberPath = JsonPath.member(path, e.getKey());
      string(e.getKey(), memberPath);
      out.append(':');
      value(e.getValue(), memberPath, depth + 1);
    }
    out.append('}');
  }

  private void array(List<@Nullable Object> items, String path, int depth) {
    out.append('[');
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      value(items.get(i), JsonPath.element(path, i), depth + 1);
    }
    out.append(']');
  }

  /** Sets have no order of their own, so their elements are sorted by their canonical text. */
  private void set(Set<?> items, String path, int depth) {
    List<String> texts = new ArrayList<>(items.size());
    int i = 0;
    for (Object item : items) {
      JcsWriter nested = new JcsWriter();
      nested.inProgress.addAll(inProgress);
      nested.value(item, JsonPath.element(path, i++), depth + 1);
      texts.add(nested.out.toString());
    }
    texts.sort(null);
    out.append('[').append(String.join(",", texts)).append(']');
  }

  private static TreeMap<String, @Nullable Object> mapEntries(Map<?, ?> map, String path) {
    TreeMap<String, @Nullable Object> members = new TreeMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      Object key = e.getKey();
      if (!(key instanceof String)) {
        throw new InvalidInputException(
            "map keys must be Strings at " + path + ", found "
                + (key == null ? "a null key" : "a key of type " + key.getClass().getName()));
      }
      members.put((String) key, e.getValue());
    }
    return members;
  }

  private static TreeMap<String, @Nullable Object> recordComponents(Record record, String path) {
    TreeMap<String, @Nullable Object> members = new TreeMap<>();
    for (RecordComponent c : record.getClass().getRecordComponents()) {
      members.put(c.getName(), invoke(c.getAccessor(), record, path));
    }
    return members;
  }

  private static TreeMap<String, @Nullable Object> beanProperties(Object bean, String path) {
    TreeMap<String, @Nullable Object> members = new TreeMap<>();
    for (Method m : bean.getClass().getMethods()) {
      String property = propertyName(m);
      if (property != null) {
        members.put(property, invoke(m, bean, path));
      }
    }
    if (members.isEmpty()) {
      throw new InvalidInputException(
          "cannot write a " + bean.getClass().getName() + " as JSON at " + path
              + ": it is not a map, collection, record or known value type and has no public getters");
    }
    return members;
  }

  private static @Nullable String propertyName(Method m) {
    if (Modifier.isStatic(m.getModifiers()) || m.getParameterCount() != 0
        || m.getDeclaringClass() == Object.class || m.getReturnType() == void.class) {
      return null;
    }
    String name = m.getName();
    String rest;
    if (name.startsWith("get") && name.length() > 3) {
      rest = name.substring(3);
    } else if (name.startsWith("is") && name.length() > 2
        && (m.getReturnType() == boolean.class || m.getReturnType() == Boolean.class)) {
      rest = name.substring(2);
    } else {
      return null;
    }
    if (rest.length() > 1 && Character.isUpperCase(rest.charAt(0))
        && Character.isUpperCase(rest.charAt(1))) {
      return rest;
    }
    return Character.toLowerCase(rest.charAt(0)) + rest.substring(1);
  }

  private static @Nullable Object invoke(Method accessor, Object target, String path) {
    try {
      if (!accessor.canAccess(target)) {
        accessor.trySetAccessible();
      }
      return accessor.invoke(target);
    } catch (IllegalAccessException e) {
      throw new InvalidInputException(
          "cannot read " + accessor.getName() + "() of " + target.getClass().getName() + " at " + path
              + ": it is not accessible (make the type public)", e);
    } catch (InvocationTargetException e) {
      throw new InvalidInputException(
          accessor.getName() + "() of " + target.getClass().getName() + " failed at " + path
              + ": " + e.getCause(), e.getCause());
    }
  }

  private static boolean isTextual(Object value) {
    return value instanceof TemporalAccessor || value instanceof TemporalAmount
        || value instanceof ZoneId || value instanceof UUID || value instanceof URI
        || value instanceof Locale || value instanceof Digest;
  }

  private static String text(Object value) {
    return value instanceof Locale ? ((Locale) value).toLanguageTag() : value.toString();
  }

  private void optionalPrimitive(Object value, String path) {
    if (value instanceof OptionalInt) {
      OptionalInt o = (OptionalInt) value;
      out.append(o.isPresent() ? Integer.toString(o.getAsInt()) : "null");
    } else if (value instanceof OptionalLong) {
      OptionalLong o = (OptionalLong) value;
      out.append(o.isPresent() ? Long.toString(o.getAsLong()) : "null");
    } else {
      OptionalDouble o = (OptionalDouble) value;
      out.append(o.isPresent() ? finiteDouble(o.getAsDouble(), path) : "null");
    }
  }

  /**
   * Writes a number: integer types with all their digits, floating-point types per ECMAScript.
   *
   * @param n the number
   * @param path its location, for errors
   * @return the canonical text
   * @throws InvalidInputException for NaN, infinities, oversized integers and unknown Number types
   */
  static String number(Number n, String path) {
    if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte
        || n instanceof AtomicInteger || n instanceof AtomicLong || n instanceof LongAdder) {
      return Long.toString(n.longValue());
    }
    if (n instanceof Double || n instanceof Float || n instanceof DoubleAdder) {
      return finiteDouble(n.doubleValue(), path);
    }
    if (n instanceof BigInteger) {
      return n.toString();
    }
    if (n instanceof BigDecimal) {
      return bigDecimal((BigDecimal) n, path);
    }
    throw new InvalidInputException(
        "unsupported number type " + n.getClass().getName() + " at " + path
            + "; use Long, Double, BigInteger or BigDecimal");
  }

  private static String bigDecimal(BigDecimal d, String path) {
    if (d.signum() == 0) {
      return "0";
    }
    BigDecimal stripped = d.stripTrailingZeros();
    if (stripped.scale() <= 0) {
      if (stripped.precision() - stripped.scale() > MAX_INTEGER_DIGITS) {
        throw new InvalidInputException(
            "integer with more than " + MAX_INTEGER_DIGITS + " digits at " + path);
      }
      return stripped.toBigIntegerExact().toString();
    }
    return finiteDouble(d.doubleValue(), path);
  }

  static String finiteDouble(double d, String path) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new InvalidInputException(
          (Double.isNaN(d) ? "NaN" : "an infinite number") + " at " + path
              + " cannot be written as JSON; RFC 8785 allows only finite numbers");
    }
    return EcmaNumbers.format(d);
  }

  private void string(String s, String path) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\b':
          out.append("\\b");
          break;
        case '\f':
          out.append("\\f");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        default:
          if (c < 0x20) {
            out.append("\\u00").append(Character.forDigit(c >> 4, 16))
                .append(Character.forDigit(c & 0xF, 16));
          } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            out.append(c).append(s.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            throw new InvalidInputException(
                "lone surrogate U+" + Integer.toHexString(c).toUpperCase(Locale.ROOT) + " at index "
                    + i + " of a string at " + path + "; JSON text must be valid Unicode");
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }
}
