package dev.mlops.tracking.internal.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.tracking.MetricPoint;
import dev.mlops.tracking.RunPage;
import dev.mlops.tracking.RunSnapshot;
import dev.mlops.tracking.RunStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.jspecify.annotations.Nullable;

/**
 * Random filters, rendered as text and parsed, select exactly the runs a brute-force three-valued
 * evaluator (written here, independent of the parser and of {@link Expr}) selects; paging with random
 * order-by keys and page sizes yields the same sequence as one big page.
 */
class FilterProperties {
  private static final List<Double> NUMBERS = java.util.Arrays.asList(null, 0.0, 0.5, 1.0, -1.0, Double.NaN);
  private static final List<String> STRINGS = java.util.Arrays.asList(null, "a", "b", "ab", "A", "");
  private static final List<String> STATUSES = List.of("RUNNING", "FINISHED", "FAILED");

  /** A test-side filter AST: renders itself and evaluates itself on a run (null = unknown). */
  interface F {
    String render();

    @Nullable Boolean eval(RunSnapshot r);
  }

  static @Nullable Object value(RunSnapshot r, String field) {
    switch (field) {
      case "metrics.m1":
      case "metrics.m2": {
        MetricPoint p = r.latestMetrics().get(field.substring(8));
        return p == null ? null : p.value();
      }
      case "params.p":
        return r.params().get("p");
      case "tags.t":
        return r.tags().get("t");
      case "attributes.start_time":
        return (double) r.startTime().toEpochMilli();
      default:
        return r.status().name();
    }
  }

  static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  static boolean like(String s, String pattern) {
    if (pattern.isEmpty()) {
      return s.isEmpty();
    }
    char c = pattern.charAt(0);
    if (c == '%') {
      for (int i = 0; i <= s.length(); i++) {
        if (like(s.substring(i), pattern.substring(1))) {
          return true;
        }
      }
      return false;
    }
    return !s.isEmpty() && (c == '_' || c == s.charAt(0)) && like(s.substring(1), pattern.substring(1));
  }

  @Provide
  Arbitrary<F> filters() {
    return filter(3);
  }

  Arbitrary<F> filter(int depth) {
    Arbitrary<F> atom = Arbitraries.oneOf(numberCompare(), stringCompare(), likes(), ins(), isNulls());
    if (depth == 0) {
      return atom;
    }
    Arbitrary<F> sub = Arbitraries.lazy(() -> filter(depth - 1));
    Arbitrary<F> and = Combinators.combine(sub, sub, Arbitraries.of("AND", "and", "And")).as((a, b, kw) -> new F() {
      public String render() {
        return "(" + a.render() + " " + kw + " " + b.render() + ")";
      }

      public @Nullable Boolean eval(RunSnapshot r) {
        Boolean x = a.eval(r);
        Boolean y = b.eval(r);
        if (Boolean.FALSE.equals(x) || Boolean.FALSE.equals(y)) {
          return false;
        }
        return x == null || y == null ? null : true;
      }
    });
    Arbitrary<F> or = Combinators.combine(sub, sub).as((a, b) -> new F() {
      public String render() {
        return "(" + a.render() + " OR " + b.render() + ")";
      }

      public @Nullable Boolean eval(RunSnapshot r) {
        Boolean x = a.eval(r);
        Boolean y = b.eval(r);
        if (Boolean.TRUE.equals(x) || Boolean.TRUE.equals(y)) {
          return true;
        }
        return x == null || y == null ? null : false;
      }
    });
    Arbitrary<F> not = sub.map(a -> new F() {
      public String render() {
        return "NOT " + a.render();
      }

      public @Nullable Boolean eval(RunSnapshot r) {
        Boolean x = a.eval(r);
        return x == null ? null : !x;
      }
    });
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, atom), net.jqwik.api.Tuple.of(2, and),
        net.jqwik.api.Tuple.of(2, or), net.jqwik.api.Tuple.of(1, not));
  }

  Arbitrary<F> numberCompare() {
    return Combinators.combine(Arbitraries.of("metrics.m1", "metrics.m2"), Arbitraries.of("=", "!=", "<", "<=", ">", ">="),
        Arbitraries.of(0.0, 0.5, 1.0, -1.0, 0.25)).as((field, op, lit) -> new F() {
          public String render() {
            return field + " " + op + " " + lit;
          }

          public @Nullable Boolean eval(RunSnapshot r) {
            Double v = (Double) value(r, field);
            if (v == null) {
              return null;
            }
            switch (op) {
              case "=": return v.doubleValue() == lit;
              case "!=": return v.doubleValue() != lit;
              case "<": return v < lit;
              case "<=": return v <= lit;
              case ">": return v > lit;
              default: return v >= lit;
            }
          }
        });
  }

  Arbitrary<F> stringCompare() {
    return Combinators.combine(Arbitraries.of("params.p", "tags.t", "attributes.status"), Arbitraries.of(true, false),
        Arbitraries.of("a", "b", "ab", "A", "", "FAILED", "it's")).as((field, eq, lit) -> new F() {
          public String render() {
            return field + (eq ? " = " : " != ") + quote(lit);
          }

          public @Nullable Boolean eval(RunSnapshot r) {
            Object v = value(r, field);
            return v == null ? null : v.equals(lit) == eq;
          }
        });
  }

  Arbitrary<F> likes() {
    return Combinators.combine(Arbitraries.of("params.p", "tags.t"), Arbitraries.of("a%", "%b", "_", "%", "A%", "a_"),
        Arbitraries.of(true, false), Arbitraries.of(true, false)).as((field, pattern, ilike, negated) -> new F() {
          public String render() {
            return field + (negated ? " NOT" : "") + (ilike ? " ILIKE " : " LIKE ") + quote(pattern);
          }

          public @Nullable Boolean eval(RunSnapshot r) {
            String v = (String) value(r, field);
            if (v == null) {
              return null;
            }
            boolean m = ilike ? like(v.toLowerCase(Locale.ROOT), pattern.toLowerCase(Locale.ROOT)) : like(v, pattern);
            return m != negated;
          }
        });
  }

  Arbitrary<F> ins() {
    return Combinators.combine(Arbitraries.of("params.p", "tags.t"), Arbitraries.of("a", "b", "ab", "").list().ofMinSize(1)
        .ofMaxSize(3), Arbitraries.of(true, false)).as((field, values, negated) -> new F() {
          public String render() {
            return field + (negated ? " NOT IN (" : " IN (") + values.stream().map(FilterProperties::quote)
                .collect(Collectors.joining(", ")) + ")";
          }

          public @Nullable Boolean eval(RunSnapshot r) {
            Object v = value(r, field);
            return v == null ? null : values.contains(v) != negated;
          }
        });
  }

  Arbitrary<F> isNulls() {
    return Combinators.combine(Arbitraries.of("metrics.m1", "metrics.m2", "params.p", "tags.t"), Arbitraries.of(true, false))
        .as((field, negated) -> new F() {
          public String render() {
            return field + (negated ? " IS NOT NULL" : " is null");
          }

          public Boolean eval(RunSnapshot r) {
            return (value(r, field) == null) != negated;
          }
        });
  }

  @Provide
  Arbitrary<List<RunSnapshot>> runs() {
    Arbitrary<RunSnapshot> run = Combinators.combine(Arbitraries.of(NUMBERS), Arbitraries.of(NUMBERS),
        Arbitraries.of(STRINGS), Arbitraries.of(STRINGS), Arbitraries.of(STATUSES), Arbitraries.longs().between(0, 5))
        .as((m1, m2, p, t, status, start) -> {
          Map<String, MetricPoint> latest = new LinkedHashMap<>();
          if (m1 != null) {
            latest.put("m1", new MetricPoint("m1", m1, 0, 0));
          }
          if (m2 != null) {
            latest.put("m2", new MetricPoint("m2", m2, 0, 0));
          }
          Map<String, String> params = p == null ? Map.of() : Map.of("p", p);
          Map<String, String> tags = t == null ? Map.of() : Map.of("t", t);
          return new RunSnapshot(java.util.UUID.randomUUID().toString().replace("-", ""), "e".repeat(32), "r", null,
              RunStatus.valueOf(status), Instant.ofEpochMilli(start), null, params, tags, latest);
        });
    return run.list().ofMinSize(0).ofMaxSize(25);
  }

  @Property(tries = 400)
  void parsedFiltersSelectWhatTheBruteForceEvaluatorSelects(@ForAll("filters") F filter,
      @ForAll("runs") List<RunSnapshot> runs) {
    RunQuery q = RunQuery.compile("scope", filter.render(), List.of());
    for (RunSnapshot r : runs) {
      assertThat(q.matches(r)).as("%s on %s", filter.render(), r).isEqualTo(Boolean.TRUE.equals(filter.eval(r)));
    }
  }

  @Property(tries = 200)
  void pagesConcatenateToTheWholeOrderedResult(@ForAll("runs") List<RunSnapshot> runs,
      @ForAll("orderings") List<String> orderBy, @ForAll @IntRange(min = 1, max = 6) int pageSize) {
    RunQuery q = RunQuery.compile("scope", "", orderBy);
    List<RunSnapshot> whole = q.execute(runs, RunQuery.MAX_LIMIT, null).runs();
    List<RunSnapshot> paged = new ArrayList<>();
    String token = null;
    do {
      RunPage page = q.execute(runs, pageSize, token);
      assertThat(page.runs().size()).isLessThanOrEqualTo(pageSize);
      paged.addAll(page.runs());
      token = page.nextPageToken();
    } while (token != null);
    assertThat(paged).containsExactlyElementsOf(whole);
    assertThat(whole).hasSameSizeAs(runs);
    for (int i = 1; i < whole.size(); i++) {
      for (int k = 0; k < orderBy.size(); k++) {
        String field = orderBy.get(k).split(" ")[0];
        if (value(whole.get(i - 1), field) == null) {
          // nulls last: once a null appears under the first key, no non-null may follow it there
          if (k == 0) {
            assertThat(value(whole.get(i), field)).isNull();
          }
        }
        break;
      }
    }
  }

  @Provide
  Arbitrary<List<String>> orderings() {
    return Arbitraries.of("metrics.m1 ASC", "metrics.m1 DESC", "metrics.m2", "params.p DESC", "tags.t",
        "attributes.status", "attributes.start_time DESC").list().ofMinSize(0).ofMaxSize(3);
  }
}
