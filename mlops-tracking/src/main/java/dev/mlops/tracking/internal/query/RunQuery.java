package dev.mlops.tracking.internal.query;

import dev.mlops.core.InvalidInputException;
import dev.mlops.tracking.RunPage;
import dev.mlops.tracking.RunSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import org.jspecify.annotations.Nullable;

/**
 * Filters, orders and pages a list of runs. Immutable and thread-safe.
 */
public final class RunQuery {
  /** The largest page a search returns. */
  public static final int MAX_LIMIT = 50_000;

  private final Expr filter;
  private final RunOrdering ordering;
  private final String digest;

  private RunQuery(Expr filter, RunOrdering ordering, String digest) {
    this.filter = filter;
    this.ordering = ordering;
    this.digest = digest;
  }

  /**
   * Compiles a query.
   *
   * @param scope what the query runs over (the experiment id), bound into page tokens
   * @param filter the filter text
   * @param orderBy the order-by clauses
   * @return the query
   * @throws InvalidInputException if the filter or a clause is malformed
   */
  public static RunQuery compile(String scope, String filter, List<String> orderBy) {
    Objects.requireNonNull(filter, "filter");
    List<String> parts = new ArrayList<>();
    parts.add(scope);
    parts.add(filter);
    parts.addAll(orderBy);
    return new RunQuery(FilterParser.parse(filter), RunOrdering.parse(orderBy), PageToken.digest(parts));
  }

  /**
   * Lists the fields the filter and the order-by clauses name, in order, for checking their keys.
   *
   * @return the fields
   */
  public List<Field> fields() {
    List<Field> out = new ArrayList<>();
    collect(filter, out);
    ordering.keys().forEach(k -> out.add(k.field()));
    return out;
  }

  private static void collect(Expr e, List<Field> out) {
    if (e instanceof Expr.And and) {
      and.operands().forEach(o -> collect(o, out));
    } else if (e instanceof Expr.Or or) {
      or.operands().forEach(o -> collect(o, out));
    } else if (e instanceof Expr.Not not) {
      collect(not.operand(), out);
    } else if (e instanceof Expr.NumberCompare c) {
      out.add(c.field());
    } else if (e instanceof Expr.StringCompare c) {
      out.add(c.field());
    } else if (e instanceof Expr.Like c) {
      out.add(c.field());
    } else if (e instanceof Expr.In c) {
      out.add(c.field());
    } else if (e instanceof Expr.IsNull c) {
      out.add(c.field());
    }
  }

  /**
   * Tells whether a run matches the filter.
   *
   * @param run the run
   * @return true if the filter evaluates to TRUE
   */
  public boolean matches(RunSnapshot run) {
    return Boolean.TRUE.equals(filter.eval(run));
  }

  /**
   * Runs the query.
   *
   * @param runs the candidate runs
   * @param limit the page size, 1 to {@link #MAX_LIMIT}
   * @param pageToken a token from the previous page, or null for the first
   * @return the page
   * @throws InvalidInputException if the limit is out of range or the token is malformed or foreign
   */
  public RunPage execute(List<RunSnapshot> runs, int limit, @Nullable String pageToken) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidInputException("search limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
    }
    int width = ordering.keys().size() + 1;
    Object[] after = pageToken == null ? null : PageToken.decode(pageToken, digest, width);
    List<Object[]> tuples = new ArrayList<>();
    List<RunSnapshot> matched = new ArrayList<>();
    for (RunSnapshot r : runs) {
      if (!matches(r)) {
        continue;
      }
      Object[] t = ordering.tuple(r);
      if (after != null && ordering.compareTuples(t, after) <= 0) {
        continue;
      }
      tuples.add(t);
      matched.add(r);
    }
    // the first `limit` in order: a heap of the best seen so far, worst on top, so a page of 100 out of
    // 10,000 matches costs n log 100 comparisons rather than a sort of all of them (the order is total:
    // the run id breaks every tie, so this picks exactly what a full sort would)
    int n = Math.min(limit, matched.size());
    Comparator<Integer> worstFirst = (i, j) -> ordering.compareTuples(tuples.get(j), tuples.get(i));
    PriorityQueue<Integer> best = new PriorityQueue<>(Math.max(1, n), worstFirst);
    for (int i = 0; i < matched.size() && n > 0; i++) {
      if (best.size() < n) {
        best.add(i);
      } else if (worstFirst.compare(i, best.peek()) > 0) {
        best.poll();
        best.add(i);
      }
    }
    int[] order = new int[n];
    for (int k = n - 1; k >= 0; k--) {
      order[k] = best.poll();
    }
    List<RunSnapshot> page = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      page.add(matched.get(order[i]));
    }
    String next = matched.size() > limit ? PageToken.encode(digest, tuples.get(order[n - 1])) : null;
    return new RunPage(page, next);
  }
}
