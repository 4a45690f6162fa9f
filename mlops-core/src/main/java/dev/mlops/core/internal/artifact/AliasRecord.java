package dev.mlops.core.internal.artifact;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The stored state of one alias: the version it points to (null once removed) and every move so far.
 *
 * @param name the artifact name
 * @param alias the alias
 * @param version the version it points to, or null
 * @param moves the history, oldest first
 */
record AliasRecord(String name, String alias, @Nullable Integer version, List<Move> moves) {
  AliasRecord moved(@Nullable Integer to, String at) {
    List<Move> history = new ArrayList<>(moves);
    history.add(new Move(version, to, at));
    return new AliasRecord(name, alias, to, history);
  }

  /**
   * One move.
   *
   * @param from the previous version, or null
   * @param to the new version, or null for a removal
   * @param at the time, ISO-8601
   */
  record Move(@Nullable Integer from, @Nullable Integer to, String at) {}
}
