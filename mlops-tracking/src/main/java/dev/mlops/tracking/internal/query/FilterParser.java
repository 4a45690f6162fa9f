package dev.mlops.tracking.internal.query;

import dev.mlops.core.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses MLflow's search filter grammar, extended with OR, NOT, parentheses and IS [NOT] NULL:
 *
 * <pre>
 * filter     := [ or ] END
 * or         := and ( OR and )*
 * and        := not ( AND not )*
 * not        := NOT not | '(' or ')' | comparison
 * comparison := field ( op literal | [NOT] (LIKE | ILIKE) string | [NOT] IN '(' literal (',' literal)* ')'
 *             | IS [NOT] NULL )
 * field      := entity '.' ( word | `name` | "name" )   entity: metrics, params, tags, attributes (and aliases)
 * </pre>
 *
 * Numeric fields (metrics, start_time, end_time) take all six comparators and number literals; string
 * fields take {@code = != LIKE ILIKE IN}. Errors are {@link InvalidInputException}s naming the column.
 * Hostile input is bounded before it can exhaust the stack or the CPU: a filter holds at most
 * {@value #MAX_LENGTH} characters, and parentheses and {@code NOT}s nest at most {@value #MAX_DEPTH} deep
 * (the parser and the evaluator recurse once per level). Not thread-safe; one instance parses one input.
 */
public final class FilterParser {
  /** The longest filter or order-by clause accepted, in characters. */
  public static final int MAX_LENGTH = 100_000;
  /** The deepest nesting of parentheses and {@code NOT} accepted. */
  public static final int MAX_DEPTH = 100;
  private static final String FILTER = "filter";
  private final String what;
  private final String input;
  private final List<Token> tokens;
  private int at;
  private int depth;

  private FilterParser(String what, String input) {
    this.what = what;
    this.input = input;
    if (input.length() > MAX_LENGTH) {
      throw QueryErrors.at(what, input.substring(0, 80) + "...", 80, "the " + what + " has " + input.length()
          + " characters, more than the limit of " + MAX_LENGTH);
    }
    this.tokens = Lexer.tokenize(what, input);
  }

  /**
   * Parses a filter.
   *
   * @param filter the filter text; blank means "every run"
   * @return the expression
   * @throws InvalidInputException if it is malformed, pointing at the position
   */
  public static Expr parse(String filter) {
    FilterParser p = new FilterParser(FILTER, filter);
    if (p.peek().kind() == Token.Kind.END) {
      return new Expr.All();
    }
    Expr e = p.or();
    if (p.peek().kind() != Token.Kind.END) {
      throw p.error(p.peek(), "expected AND, OR or the end of the filter, found " + describe(p.peek()));
    }
    return e;
  }

  /**
   * Parses one order-by clause such as {@code metrics.acc DESC}.
   *
   * @param clause the clause
   * @return the sort key
   * @throws InvalidInputException if it is malformed
   */
  public static SortKey parseOrderBy(String clause) {
    FilterParser p = new FilterParser("order-by clause", clause);
    Field f = p.field();
    boolean ascending = true;
    Token t = p.peek();
    if (t.isKeyword("ASC")) {
      p.at++;
    } else if (t.isKeyword("DESC")) {
      ascending = false;
      p.at++;
    }
    if (p.peek().kind() != Token.Kind.END) {
      throw p.error(p.peek(), "expected ASC, DESC or the end of the clause, found " + describe(p.peek()));
    }
    return new SortKey(f, ascending);
  }

  private Token peek() {
    return tokens.get(at);
  }

  private Token next() {
    return tokens.get(at++);
  }

  private Expr or() {
    List<Expr> operands = new ArrayList<>();
    operands.add(and());
    while (peek().isKeyword("OR")) {
      at++;
      operands.add(and());
    }
    return operands.size() == 1 ? operands.get(0) : new Expr.Or(List.copyOf(operands));
  }

  private Expr and() {
    List<Expr> operands = new ArrayList<>();
    operands.add(not());
    while (peek().isKeyword("AND")) {
      at++;
      operands.add(not());
    }
    return operands.size() == 1 ? operands.get(0) : new Expr.And(List.copyOf(operands));
  }

  private Expr not() {
    Token t = peek();
    boolean nests = t.isKeyword("NOT") || t.kind() == Token.Kind.LPAREN;
    if (nests && ++depth > MAX_DEPTH) {
      throw error(t, "parentheses and NOT nest more than " + MAX_DEPTH + " deep here");
    }
    try {
      return nests ? nested(t) : comparison();
    } finally {
      if (nests) {
        depth--;
      }
    }
  }

  /** {@code NOT not} or {@code '(' or ')'}, starting at {@code t}. */
  private Expr nested(Token t) {
    at++;
    if (t.isKeyword("NOT")) {
      return new Expr.Not(not());
    }
    Expr e = or();
    Token close = next();
    if (close.kind() != Token.Kind.RPAREN) {
      throw error(close, "expected ')' to close the '(' at column " + (t.position() + 1) + ", found "
          + describe(close));
    }
    return e;
  }

  private Expr comparison() {
    Field f = field();
    Token t = next();
    if (t.isKeyword("IS")) {
      boolean negated = false;
      if (peek().isKeyword("NOT")) {
        at++;
        negated = true;
      }
      Token nul = next();
      if (!nul.isKeyword("NULL")) {
        throw error(nul, "expected NULL after IS" + (negated ? " NOT" : "") + ", found " + describe(nul));
      }
      return new Expr.IsNull(f, negated);
    }
    boolean negated = false;
    if (t.isKeyword("NOT")) {
      negated = true;
      t = next();
      if (!(t.isKeyword("LIKE") || t.isKeyword("ILIKE") || t.isKeyword("IN"))) {
        throw error(t, "expected LIKE, ILIKE or IN after NOT, found " + describe(t));
      }
    }
    if (t.isKeyword("LIKE") || t.isKeyword("ILIKE")) {
      if (f.numeric()) {
        throw error(t, t.text().toUpperCase(java.util.Locale.ROOT) + " compares strings; " + f
            + " is numeric (use =, !=, <, <=, >, >=)");
      }
      Token pattern = next();
      if (pattern.kind() != Token.Kind.STRING) {
        throw error(pattern, "expected a quoted pattern after " + t.text() + ", found " + describe(pattern));
      }
      return Expr.Like.of(f, pattern.text(), t.isKeyword("ILIKE"), negated);
    }
    if (t.isKeyword("IN")) {
      return in(f, negated);
    }
    if (t.kind() != Token.Kind.OPERATOR) {
      throw error(t, "expected a comparator (=, !=, <, <=, >, >=, LIKE, ILIKE, IN, IS) after " + f + ", found "
          + describe(t));
    }
    String op = t.text();
    Token literal = next();
    if (f.numeric()) {
      return new Expr.NumberCompare(f, op, number(f, literal));
    }
    if (!op.equals("=") && !op.equals("!=")) {
      throw error(t, "comparator '" + op + "' is not allowed for " + f + ", a string field (use =, !=, LIKE, ILIKE, IN)");
    }
    return new Expr.StringCompare(f, op.equals("="), string(f, literal));
  }

  private Expr in(Field f, boolean negated) {
    Token open = next();
    if (open.kind() != Token.Kind.LPAREN) {
      throw error(open, "expected '(' after IN, found " + describe(open));
    }
    Set<Object> values = new LinkedHashSet<>();
    while (true) {
      Token literal = next();
      values.add(f.numeric() ? (Object) number(f, literal) : string(f, literal));
      Token sep = next();
      if (sep.kind() == Token.Kind.RPAREN) {
        return new Expr.In(f, Set.copyOf(values), negated);
      }
      if (sep.kind() != Token.Kind.COMMA) {
        throw error(sep, "expected ',' or ')' in the IN list, found " + describe(sep));
      }
    }
  }

  private double number(Field f, Token literal) {
    if (literal.kind() != Token.Kind.NUMBER) {
      throw error(literal, f + " is numeric: expected a number, found " + describe(literal));
    }
    return Double.parseDouble(literal.text());
  }

  private String string(Field f, Token literal) {
    if (literal.kind() != Token.Kind.STRING) {
      throw error(literal, f + " holds strings: expected a quoted string, found " + describe(literal));
    }
    return literal.text();
  }

  private Field field() {
    Token t = next();
    if (t.kind() != Token.Kind.WORD || t.text().indexOf('.') <= 0) {
      throw error(t, "expected a field such as metrics.<key>, params.<key>, tags.<key> or attributes.<name>, found "
          + describe(t));
    }
    int dot = t.text().indexOf('.');
    String entity = t.text().substring(0, dot);
    String key = t.text().substring(dot + 1);
    int keyPosition = t.position() + dot + 1;
    if (key.isEmpty()) {
      Token quoted = peek();
      boolean adjacent = quoted.position() == t.position() + t.text().length();
      if (!adjacent || (quoted.kind() != Token.Kind.QUOTED_NAME && quoted.kind() != Token.Kind.STRING)) {
        throw error(quoted, "expected a key right after '" + t.text() + "' (quote keys with spaces in backticks)");
      }
      at++;
      key = quoted.text();
      keyPosition = quoted.position();
    }
    Field.Kind kind = kind(entity);
    if (kind == null) {
      throw error(t, "unknown entity type '" + entity + "' (use metrics, params, tags or attributes)");
    }
    if (kind == Field.Kind.ATTRIBUTE) {
      String attribute = Field.normalizeAttribute(key);
      if (attribute == null) {
        throw QueryErrors.at(what, input, keyPosition, "unknown attribute '" + key
            + "' (use run_id, run_name, status, start_time, end_time)");
      }
      return new Field(kind, attribute);
    }
    if (key.isEmpty()) {
      throw QueryErrors.at(what, input, keyPosition, "empty key");
    }
    return new Field(kind, key);
  }

  private static Field.@org.jspecify.annotations.Nullable Kind kind(String entity) {
    switch (entity.toLowerCase(java.util.Locale.ROOT)) {
      case "metrics":
      case "metric":
        return Field.Kind.METRIC;
      case "params":
      case "param":
      case "parameters":
        return Field.Kind.PARAM;
      case "tags":
      case "tag":
        return Field.Kind.TAG;
      case "attributes":
      case "attribute":
      case "attr":
      case "run":
        return Field.Kind.ATTRIBUTE;
      default:
        return null;
    }
  }

  private InvalidInputException error(Token t, String message) {
    return QueryErrors.at(what, input, t.position(), message);
  }

  private static String describe(Token t) {
    switch (t.kind()) {
      case END:
        return "the end of the input";
      case STRING:
        return "the string '" + t.text() + "'";
      case QUOTED_NAME:
        return "the name `" + t.text() + "`";
      default:
        return "'" + t.text() + "'";
    }
  }
}
