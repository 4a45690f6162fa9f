package dev.mlops.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps README.md true: every Java block in the README that is marked {@code <!-- snippet:NAME -->}
 * must appear verbatim (modulo indentation) in {@link ReadmeSnippets}, which this module compiles, and
 * every snippet there must run.
 */
class ReadmeSnippetsTest {
  private static final Pattern README_BLOCK =
      Pattern.compile("<!-- snippet:([\\w-]+) -->\\s*```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern SOURCE_BLOCK =
      Pattern.compile("// snippet:([\\w-]+)\\n(.*?)\\n\\s*// end-snippet", Pattern.DOTALL);

  static Map<String, String> blocks(String text, Pattern pattern) {
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      out.put(m.group(1), normalize(m.group(2)));
    }
    return out;
  }

  static String normalize(String code) {
    List<String> lines = new ArrayList<>(code.lines().toList());
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
      lines.remove(lines.size() - 1);
    }
    int indent = lines.stream().filter(l -> !l.isBlank())
        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    StringBuilder sb = new StringBuilder();
    for (String l : lines) {
      sb.append(l.isBlank() ? "" : l.substring(indent).stripTrailing()).append('\n');
    }
    return sb.toString();
  }

  @Test
  void everyReadmeSnippetIsCompiledCode() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    String source = Files.readString(
        Path.of("src", "test", "java", "dev", "mlops", "examples", "ReadmeSnippets.java"), StandardCharsets.UTF_8);
    Map<String, String> inReadme = blocks(readme, README_BLOCK);
    Map<String, String> inSource = blocks(source, SOURCE_BLOCK);
    assertThat(inReadme).as("the README marks its Java snippets").isNotEmpty();
    assertThat(inSource.keySet()).containsAll(inReadme.keySet());
    inReadme.forEach((name, code) -> assertThat(inSource.get(name)).as("snippet " + name).isEqualTo(code));
  }

  @Test
  void snippetsRun(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    ReadmeSnippets.runAll(dir);
  }
}
