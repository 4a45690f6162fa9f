package dev.mlops.core.internal.artifact;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The stored state of one alias: the version it points to (null once removed), how many moves it has had
 * and the latest of them. Earlier moves live in the alias's history series, so a move rewrites a record of
 * constant size whatever the history's length.
 *
 * <p>Records written before the history series existed hold every move in {@code moves} and no sequence
 * number; the first move after an upgrade copies them into the series and drops them from the record.
 *
 * @param name the artifact name
 * @param alias the alias
 * @param version the version it points to, or null
 * @param moves the history of a record written before the series existed, oldest first; empty otherwise
 * @param seq how many moves the alias has had (0 for an old record, whose moves are in {@code moves})
 * @param last the latest move, or null for an old record
 */
record AliasRecord(String name, String alias, @Nullable Integer version, List<Move> moves, long seq,
    @Nullable Move last) {
  AliasRecord {
    moves = moves == null ? List.of() : List.copyOf(moves);
  }

  /** A new alias that has never been set. */
  static AliasRecord unset(String name, String alias) {
    return new AliasRecord(name, alias, null, List.of(), 0, null);
  }

  /** The number of moves so far, for old and new records alike. */
  long moveCount() {
    return moves.isEmpty() ? seq : moves.size();
  }

  /** The old record's moves with their sequence numbers, 1 for the oldest. */
  List<Move> numberedLegacyMoves() {
    List<Move> out = new java.util.ArrayList<>(moves.size());
    for (int i = 0; i < moves.size(); i++) {
      Move m = moves.get(i);
      out.add(new Move(m.from(), m.to(), m.at(), m.reason(), i + 1));
    }
    return out;
  }

  /**
   * One move.
   *
   * @param from the previous version, or null
   * @param to the new version, or null for a removal
   * @param at the time, ISO-8601
   * @param reason why it was moved, or null
   * @param seq its number among the alias's moves, 1 for the first (0 in records written before numbering)
   */
  record Move(@Nullable Integer from, @Nullable Integer to, String at, @Nullable String reason, long seq) {}
}
