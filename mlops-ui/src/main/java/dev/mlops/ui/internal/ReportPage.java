package dev.mlops.ui.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a single-file report: the report template with uPlot's and our styles and scripts inline, and the
 * data in a {@code <script type="application/json">} block escaped so no string can close it.
 */
public final class ReportPage {
  private static final Pattern SLOT = Pattern.compile("\\{\\{(\\w+)}}");

  private ReportPage() {}

  /**
   * Renders a report.
   *
   * @param kind the renderer to use ({@code validation}, {@code drift}, {@code profile}, {@code leaderboard},
   *     {@code compare})
   * @param title the title, escaped here
   * @param data the data the renderer reads
   * @return the HTML document
   */
  public static String render(String kind, String title, Object data) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("kind", kind);
    doc.put("title", title);
    doc.put("data", data);
    Map<String, String> slots = Map.of(
        "title", Html.escape(title),
        "css", WebAssets.text("uPlot.min.css") + "\n" + WebAssets.text("mlops.css"),
        "js", inlineScript(WebAssets.text("uPlot.iife.min.js")) + "\n" + inlineScript(WebAssets.text("render.js"))
            + "\n" + inlineScript(WebAssets.text("report.js")),
        "data", Html.jsonForScript(Json.writeString(doc)));
    Matcher m = SLOT.matcher(WebAssets.text("report.html"));
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = slots.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String inlineScript(String js) {
    // a library's text could hold "</script"; break it so the HTML parser cannot end the block early
    return js.replace("</script", "<\\/script").replace("<!--", "<\\!--");
  }
}
