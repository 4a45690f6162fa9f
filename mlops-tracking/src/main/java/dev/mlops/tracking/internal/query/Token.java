package dev.mlops.tracking.internal.query;

/**
 * One lexical token of a filter or order-by clause.
 *
 * @param kind what it is
 * @param text its text (unquoted for strings and quoted names)
 * @param position its 0-based offset in the input
 */
record Token(Kind kind, String text, int position) {
  /** Token kinds. */
  enum Kind { WORD, NUMBER, STRING, QUOTED_NAME, OPERATOR, LPAREN, RPAREN, COMMA, END }

  boolean isKeyword(String keyword) {
    return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
  }
}
