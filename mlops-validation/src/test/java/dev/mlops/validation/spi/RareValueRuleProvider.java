package dev.mlops.validation.spi;

import dev.mlops.core.InvalidInputException;
import dev.mlops.validation.Rule;
import dev.mlops.validation.RowView;
import dev.mlops.validation.ValueCount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A test aggregate that counts rows: {@code test.hasNoRareValues(column, k)}: a row whose (non-null) value occurs
 * fewer than {@code k} times in the whole table is unexpected, which only the merged counts can tell; obeys
 * {@code mostly}. Uses the default row-by-row update.
 */
public final class RareValueRuleProvider implements AggregateRuleProvider {
  @Override
  public String type() {
    return "test.hasNoRareValues";
  }

  @Override
  public AggregateRule<?> create(Rule rule) {
    Object k = rule.params().get("k");
    if (rule.columns().size() != 1 || !(k instanceof Number) || ((Number) k).longValue() < 1) {
      throw new InvalidInputException("test.hasNoRareValues needs one column and k >= 1, got " + k);
    }
    String column = rule.columns().get(0);
    long min = ((Number) k).longValue();
    return new AggregateRule<Map<String, long[]>>() {
      @Override
      public Map<String, long[]> newState() {
        return new TreeMap<>();
      }

      @Override
      public void update(Map<String, long[]> s, RowView row) {
        Object v = row.get(column);
        if (v != null) {
          s.computeIfAbsent(v.toString(), x -> new long[1])[0]++;
        }
      }

      @Override
      public Map<String, long[]> merge(Map<String, long[]> left, Map<String, long[]> right) {
        right.forEach((v, n) -> left.computeIfAbsent(v, x -> new long[1])[0] += n[0]);
        return left;
      }

      @Override
      public AggregateOutcome finish(Map<String, long[]> s) {
        long rows = 0;
        long rare = 0;
        List<ValueCount> samples = new ArrayList<>();
        for (Map.Entry<String, long[]> e : s.entrySet()) {
          rows += e.getValue()[0];
          if (e.getValue()[0] < min) {
            rare += e.getValue()[0];
            samples.add(new ValueCount(e.getKey(), e.getValue()[0]));
          }
        }
        return AggregateOutcome.rows(rows, rare, samples, rare + " of " + rows + " rows hold a value seen fewer than "
            + min + " times");
      }

      @Override
      public boolean countsRows() {
        return true;
      }
    };
  }
}
