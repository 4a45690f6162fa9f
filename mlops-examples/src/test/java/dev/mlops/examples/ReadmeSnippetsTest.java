package dev.mlops.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.testing.ChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps README.md and the pages under docs/ true. Every fenced block names its language, and every
 * {@code java} block is preceded by {@code <!-- snippet:NAME -->} and is, verbatim, the whole source file
 * {@code snippets/NAME.java} of this module's tests without its {@code package} line: imports included, so
 * the block compiles as it stands (this module's test compilation proves it). Every snippet with a
 * {@code main} method is then run in its own JVM, in an empty working directory as a user would run it,
 * and must print what its expectation below says.
 */
class ReadmeSnippetsTest {
  private static final Path ROOT = Path.of("..");
  private static final Path SNIPPETS = Path.of("src", "test", "java", "dev", "mlops", "examples", "snippets");
  private static final String PACKAGE_LINE = "package dev.mlops.examples.snippets;\n\n";
  private static final Pattern FENCE = Pattern.compile("(?m)^```(\\S*)\\n(.*?)^```$", Pattern.DOTALL);
  private static final Pattern MARKER = Pattern.compile("<!-- snippet:(\\w+) -->");

  /** What each runnable snippet must print (fragments of its standard output). */
  private static final Map<String, List<String>> EXPECTED = Map.ofEntries(
      Map.entry("ArtifactsQuickStart", List.of("penguins-clean@1 comes from penguins@1; restored to restored")),
      Map.entry("ValidationQuickStart", List.of("suite 'orders': FAILED", "1 unexpected: 'LOST' (1)",
          "[PASSED] integrity: isNonNegative(amount) mostly 0.5", "row 2: [isUnique(id)",
          "request valid: true", "suggested suite: PASSED")),
      Map.entry("DriftQuickStart", List.of("temp_max: drifted", "weather: no drift", "serving window drifted: true")),
      Map.entry("TrackingQuickStart", List.of("1 run(s) with accuracy above 0.92", "0.950000        0.1")),
      Map.entry("SweepQuickStart", List.of("6 trials, 0 failed", "params.lr")),
      Map.entry("FingerprintQuickStart", List.of(" survives JSON", "same code, data and seeds; config.lr 0.1 -> 0.01")),
      Map.entry("ModelTestingQuickStart", List.of("ROC AUC 0.", "species=Adelie", "gate classifier-gate: PASSED",
          "promoted: weekly retrain (gate classifier-gate PASSED")),
      Map.entry("MicrometerQuickStart", List.of("mlops.monitor.state", "mlops.validation.rows.checked",
          "mlops.drift.p.value", "mlops.model.age")),
      Map.entry("UiQuickStart", List.of("open http://127.0.0.1:", "the experiments page answers 200",
          "report written to reports/validation.html")),
      Map.entry("StorageQuickStart", List.of("file:", "mem:", "sqlite:")),
      Map.entry("DirectoryPublish", List.of("1 false 2")),
      Map.entry("StorageSpi", List.of(
          "sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824 -> hello",
          "true 2")),
      Map.entry("VerifyStore", List.of(" 1 blobs checked; 0 damaged")),
      Map.entry("CsvChunks", List.of("{id=LONG, category=STRING, amount=DOUBLE, day=DATE, email=STRING}",
          "2 rows read in chunks")),
      Map.entry("RowLevelSplit", List.of("row 1: [isUnique(id), isNonNegative(score)]", "row 2: [isUnique(id)]",
          "not row-level: hasMean(score, 0, 10)", "not row-level: isComplete(missing)", "2 valid, 2 invalid")),
      Map.entry("MetricMonitorQuickStart", List.of("DRIFT at value 2168", "restored after 4000 values, 1 drift(s)")),
      Map.entry("DriftDatesAndRestart", List.of("drifted: KS p = ", "largest change in [2012-",
          "the resumed window holds 2 rows",
          "KS D = 0.5, p = ")),
      Map.entry("HtmlReports", List.of("four reports in target/reports")));

  /** The Markdown files whose snippets are checked: the README and every page under docs/. */
  static List<Path> documents() throws IOException {
    List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> pages = Files.list(ROOT.resolve("docs"))) {
      pages.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
    }
    return docs;
  }

  /** The source of a snippet as its Markdown block shows it: the file without its package line. */
  static String shown(String name) throws IOException {
    String source = Files.readString(SNIPPETS.resolve(name + ".java"), StandardCharsets.UTF_8);
    assertThat(source).as("snippets/%s.java starts with its package line", name).startsWith(PACKAGE_LINE);
    return source.substring(PACKAGE_LINE.length());
  }

  @Test
  void everyJavaBlockIsAWholeSnippetFileVerbatim() throws IOException {
    Set<String> shownSomewhere = new TreeSet<>();
    for (Path doc : documents()) {
      String text = Files.readString(doc, StandardCharsets.UTF_8);
      Matcher fence = FENCE.matcher(text);
      while (fence.find()) {
        String where = ROOT.relativize(doc) + " line " + (text.substring(0, fence.start()).lines().count() + 1);
        String language = fence.group(1);
        String code = fence.group(2);
        assertThat(language).as("the block at %s names its language (java, text, xml, shell, ...)", where)
            .isNotEmpty();
        if (!language.equals("java")) {
          assertThat(code).as("the %s block at %s holds no Java: Java goes in a java block", language, where)
              .doesNotContain("import dev.mlops", "MlopsStore.", "new MlopsStore");
          continue;
        }
        String before = text.substring(0, fence.start()).stripTrailing();
        String lastLine = before.substring(before.lastIndexOf('\n') + 1);
        Matcher named = MARKER.matcher(lastLine);
        assertThat(named.matches()).as("the java block at %s follows a <!-- snippet:NAME --> line", where).isTrue();
        String name = named.group(1);
        assertThat(SNIPPETS.resolve(name + ".java")).as("the snippet of %s", where).isRegularFile();
        assertThat(code).as("the java block at %s is snippets/%s.java without its package line", where, name)
            .isEqualTo(shown(name));
        shownSomewhere.add(name);
      }
    }
    Set<String> files = new TreeSet<>();
    try (Stream<Path> sources = Files.list(SNIPPETS)) {
      sources.map(p -> p.getFileName().toString().replace(".java", "")).forEach(files::add);
    }
    assertThat(shownSomewhere).as("every snippet file is shown in the README or a docs page").isEqualTo(files);
  }

  @TestFactory
  Stream<DynamicTest> everyRunnableSnippetRunsAndPrintsWhatItShould(@TempDir Path dir) throws IOException {
    Map<String, Class<?>> runnable = new LinkedHashMap<>();
    try (Stream<Path> sources = Files.list(SNIPPETS)) {
      for (Path p : sources.sorted().toList()) {
        String name = p.getFileName().toString().replace(".java", "");
        if (Files.readString(p).contains("public static void main(String[] args)")) {
          runnable.put(name, load(name));
        }
      }
    }
    assertThat(EXPECTED.keySet()).as("every runnable snippet has an expectation, and no other")
        .isEqualTo(Set.copyOf(runnable.keySet()));
    return runnable.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
      Path work = Files.createDirectories(dir.resolve(e.getKey()));
      Path stderr = dir.resolve(e.getKey() + ".stderr");
      Process child = ChildJvm.start(e.getValue(), work, stderr);
      String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("%s ends", e.getKey()).isTrue();
      assertThat(child.exitValue()).as("%s exits normally; it printed:%n%s%nstderr:%n%s", e.getKey(), out,
          ChildJvm.errors(stderr)).isZero();
      assertThat(out).as(e.getKey()).contains(EXPECTED.get(e.getKey()));
    }));
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName("dev.mlops.examples.snippets." + name);
    } catch (ClassNotFoundException e) {
      throw new AssertionError("snippets/" + name + ".java is not compiled", e);
    }
  }
}
