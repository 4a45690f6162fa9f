package dev.mlops.tracking.internal.query;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a filter or order-by clause into tokens: bare words (keywords, {@code metrics.acc}), numbers,
 * strings in single or double quotes (a doubled quote escapes itself), names in backticks, comparison
 * operators, parentheses and commas. Stateless.
 */
final class Lexer {
  private Lexer() {}

  static List<Token> tokenize(String what, String input) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = input.length();
    while (i < n) {
      char c = input.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '(') {
        out.add(new Token(Token.Kind.LPAREN, "(", i++));
      } else if (c == ')') {
        out.add(new Token(Token.Kind.RPAREN, ")", i++));
      } else if (c == ',') {
        out.add(new Token(Token.Kind.COMMA, ",", i++));
      } else if (c == '\'' || c == '"' || c == '`') {
        int start = i;
        StringBuilder text = new StringBuilder();
        i++;
        while (true) {
          if (i >= n) {
            throw QueryErrors.at(what, input, start, "unterminated " + (c == '`' ? "name" : "string")
                + " starting with " + c);
          }
          char d = input.charAt(i);
          if (d == c) {
            if (i + 1 < n && input.charAt(i + 1) == c) {
              text.append(c);
              i += 2;
              continue;
            }
            i++;
            break;
          }
          text.append(d);
          i++;
        }
        out.add(new Token(c == '`' ? Token.Kind.QUOTED_NAME : Token.Kind.STRING, text.toString(), start));
      } else if (c == '=' || c == '!' || c == '<' || c == '>') {
        int start = i;
        char next = i + 1 < n ? input.charAt(i + 1) : 0;
        String op;
        if (c == '!') {
          if (next != '=') {
            throw QueryErrors.at(what, input, start, "'!' must be followed by '='");
          }
          op = "!=";
          i += 2;
        } else if (c == '<' && next == '>') {
          op = "!=";
          i += 2;
        } else if (next == '=') {
          op = c == '=' ? "=" : c + "=";
          i += 2;
        } else {
          op = String.valueOf(c);
          i++;
        }
        out.add(new Token(Token.Kind.OPERATOR, op, start));
      } else if (isWordChar(c)) {
        int start = i;
        while (i < n && isWordChar(input.charAt(i))) {
          i++;
        }
        String word = input.substring(start, i);
        out.add(new Token(isNumber(word) ? Token.Kind.NUMBER : Token.Kind.WORD, word, start));
      } else {
        throw QueryErrors.at(what, input, i, "unexpected character '" + c + "'");
      }
    }
    out.add(new Token(Token.Kind.END, "", n));
    return out;
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-' || c == '+' || c == '/' || c == ':';
  }

  private static boolean isNumber(String word) {
    char c = word.charAt(0);
    if (!(Character.isDigit(c) || c == '-' || c == '+' || c == '.')) {
      return false;
    }
    try {
      Double.parseDouble(word);
      return !word.endsWith("d") && !word.endsWith("D") && !word.endsWith("f") && !word.endsWith("F");
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
