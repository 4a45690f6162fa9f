package dev.mlops.ui.internal;

/** Escaping for the few strings the server itself puts into HTML; pages insert data as text from scripts. */
public final class Html {
  private Html() {}

  /**
   * Escapes text for an HTML element or a quoted attribute.
   *
   * @param text any text
   * @return the text with {@code & < > " '} escaped
   */
  public static String escape(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * Makes JSON safe inside a {@code <script type="application/json">} element: {@code <}, {@code >}, {@code &}
   * and the JavaScript line separators become unicode escapes, which JSON reads back unchanged.
   *
   * @param json JSON text
   * @return the same JSON value, with no character that HTML could read as markup
   */
  public static String jsonForScript(String json) {
    return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
  }
}
