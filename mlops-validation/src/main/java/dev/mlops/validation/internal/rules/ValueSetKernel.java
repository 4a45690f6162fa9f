package dev.mlops.validation.internal.rules;

import dev.mlops.validation.Column;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.Rule;
import dev.mlops.validation.Table;
import dev.mlops.validation.internal.column.Utf8Storage;
import dev.mlops.validation.internal.engine.ColumnTester;
import dev.mlops.validation.internal.engine.RowKernel;
import dev.mlops.validation.internal.engine.RowTester;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code isContainedIn} and {@code isNotContainedIn}: a value's text (as {@link Column#format(int)} writes it)
 * must or must not be in a set. A column kept as ASCII bytes is judged on its bytes ({@link Utf8ValueSet}).
 */
final class ValueSetKernel extends RowKernel {
  private final Set<String> values;
  private final boolean contained;

  /** The values as UTF-8 byte strings, for columns kept as bytes. */
  private final Utf8ValueSet byteSet;

  ValueSetKernel(Rule rule, boolean contained) {
    super(rule);
    Params.columns(rule, 1, 1);
    this.values = Set.copyOf(new HashSet<>(Params.texts(rule, "values")));
    this.contained = contained;
    this.byteSet = new Utf8ValueSet(values);
  }

  @Override
  public @Nullable String schemaProblem(Map<String, ColumnType> schema) {
    return columnsProblem(schema);
  }

  @Override
  public RowTester bind(Table table) {
    Column c = table.column(rule().columns().get(0));
    Set<String> set = values;
    boolean want = contained;
    Utf8Storage utf8 = c.type() == ColumnType.STRING ? Utf8Storage.of(c) : null;
    if (utf8 != null && utf8.ascii()) {
      // an ASCII column's bytes are its text: look them up without decoding a String per row
      Utf8ValueSet bytes = byteSet;
      byte[] b = utf8.bytes();
      return new ColumnTester(c, rule()) {
        @Override
        protected boolean check(int row) {
          return bytes.contains(b, utf8.start(row), utf8.end(row)) == want;
        }
      };
    }
    if (c.type() == ColumnType.STRING) {
      return new ColumnTester(c, rule()) {
        @Override
        protected boolean check(int row) {
          return set.contains(column.getString(row)) == want;
        }
      };
    }
    return new ColumnTester(c, rule()) {
      @Override
      protected boolean check(int row) {
        return set.contains(column.format(row)) == want;
      }
    };
  }

  @Override
  public String reason(@Nullable Comparable<?> value) {
    return "'" + value + "' is " + (contained ? "not in " : "in ") + new java.util.TreeSet<>(values);
  }
}
