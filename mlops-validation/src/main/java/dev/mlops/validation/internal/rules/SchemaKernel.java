package dev.mlops.validation.internal.rules;

import dev.mlops.validation.ColumnSetMode;
import dev.mlops.validation.ColumnType;
import dev.mlops.validation.Rule;
import dev.mlops.validation.RuleStatus;
import dev.mlops.validation.Table;
import dev.mlops.validation.internal.engine.Outcome;
import dev.mlops.validation.internal.engine.RuleKernel;
import dev.mlops.validation.internal.engine.RuleState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code hasColumns}, {@code hasColumnSet} and {@code hasColumnType}: judged on the schema, never NO_DATA. A
 * missing column makes the rule FAILED with a message, never an exception.
 */
final class SchemaKernel implements RuleKernel {
  /** What a schema rule asks of the table's columns. */
  enum Demand {
    COLUMNS, COLUMN_SET, COLUMN_TYPE
  }

  private final Rule rule;
  private final Demand demand;

  SchemaKernel(Rule rule, Demand demand) {
    this.rule = rule;
    this.demand = demand;
    Params.noMostly(rule);
    switch (demand) {
      case COLUMNS:
        Params.texts(rule, "columns");
        break;
      case COLUMN_SET:
        Params.texts(rule, "columns");
        Params.choice(rule, "mode", ColumnSetMode.class);
        break;
      default:
        Params.columns(rule, 1, 1);
        Params.choice(rule, "type", ColumnType.class);
    }
  }

  @Override
  public Rule rule() {
    return rule;
  }

  @Override
  public @Nullable String schemaProblem(Map<String, ColumnType> schema) {
    return null;
  }

  @Override
  public RuleState newState() {
    return new SchemaState();
  }

  private Outcome judge(Map<String, ColumnType> schema) {
    switch (demand) {
      case COLUMNS: {
        List<String> missing = new ArrayList<>();
        for (String c : Params.texts(rule, "columns")) {
          if (!schema.containsKey(c)) {
            missing.add(c);
          }
        }
        return verdict(missing.isEmpty(), missing.isEmpty() ? "all required columns exist"
            : "missing columns " + missing + "; the table has " + schema.keySet());
      }
      case COLUMN_SET: {
        List<String> expected = Params.texts(rule, "columns");
        List<String> actual = new ArrayList<>(schema.keySet());
        ColumnSetMode mode = Params.choice(rule, "mode", ColumnSetMode.class);
        Set<String> missing = new LinkedHashSet<>(expected);
        missing.removeAll(actual);
        Set<String> extra = new LinkedHashSet<>(actual);
        extra.removeAll(expected);
        boolean ok;
        switch (mode) {
          case ORDERED:
            ok = actual.equals(expected);
            break;
          case STRICT:
            ok = missing.isEmpty() && extra.isEmpty() && actual.size() == expected.size();
            break;
          default:
            ok = missing.isEmpty();
        }
        return verdict(ok, "columns " + actual + " against " + expected + " (" + mode + ")"
            + (missing.isEmpty() ? "" : "; missing " + missing)
            + (extra.isEmpty() || mode == ColumnSetMode.EXTRA_ALLOWED ? "" : "; unexpected " + extra)
            + (ok || !missing.isEmpty() || !extra.isEmpty() ? "" : "; order differs"));
      }
      default: {
        String c = rule.columns().get(0);
        ColumnType want = Params.choice(rule, "type", ColumnType.class);
        ColumnType got = schema.get(c);
        return verdict(got == want, got == null ? "column '" + c + "' does not exist"
            : "column '" + c + "' is " + got + ", expected " + want);
      }
    }
  }

  private static Outcome verdict(boolean ok, String message) {
    return new Outcome(ok ? RuleStatus.PASSED : RuleStatus.FAILED, null, 0, 0, null, List.of(), message);
  }

  /** Remembers the schema seen. */
  private final class SchemaState implements RuleState {
    private @Nullable Map<String, ColumnType> schema;

    @Override
    public void update(Table table, int from, int to) {
      if (schema == null) {
        schema = new LinkedHashMap<>(table.schema());
      }
    }

    @Override
    public void merge(RuleState other) {
      if (schema == null) {
        schema = ((SchemaState) other).schema;
      }
    }

    @Override
    public Outcome finish() {
      return judge(schema == null ? Map.of() : schema);
    }
  }
}
