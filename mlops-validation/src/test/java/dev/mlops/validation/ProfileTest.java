package dev.mlops.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mlops.core.ConfigurationException;
import dev.mlops.validation.internal.profile.RuleSuggester;
import dev.mlops.validation.io.TableReader;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileTest {
  static Path dataset(String name) {
    try {
      return Path.of(ProfileTest.class.getResource("/datasets/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void profilesCountsNullsNaNMomentsAndValues() {
    Table t = Table.builder().column("x", ColumnType.DOUBLE).column("s", ColumnType.STRING)
        .row(1.0, "a").row(2.0, "b").row(null, "a").row(Double.NaN, "").row(4.0, null).build();
    Profile p = Profile.of(t);
    ColumnProfile x = p.column("x");
    assertThat(x.count()).isEqualTo(5);
    assertThat(x.nullCount()).isEqualTo(1);
    assertThat(x.nanCount()).isEqualTo(1);
    assertThat(x.mean()).isCloseTo(7.0 / 3, within(1e-12));
    assertThat(x.min()).isEqualTo(1.0);
    assertThat(x.max()).isEqualTo(4.0);
    assertThat(x.stdDev()).isCloseTo(Math.sqrt(14.0 / 9), within(1e-12));
    assertThat(x.quantile(0.5)).isEqualTo(2.0);
    assertThat(x.approxDistinct()).isCloseTo(4.0, within(0.01));
    ColumnProfile s = p.column("s");
    assertThat(s.emptyCount()).isEqualTo(1);
    assertThat(s.topValues(1)).containsExactly(new ValueCount("a", 2));
    assertThat(s.minLength()).isZero();
  }

  @Test
  void mergingChunkProfilesEqualsProfilingTheWhole() {
    Table weather = TableReader.readCsv(dataset("seattle-weather.csv"));
    Profile whole = Profile.of(weather);
    Profile merged = Profile.of(weather.slice(0, 500)).merge(Profile.of(weather.slice(500, weather.rowCount())));
    for (ColumnProfile c : whole.columns()) {
      ColumnProfile m = merged.column(c.name());
      assertThat(m.count()).isEqualTo(c.count());
      assertThat(m.nullCount()).isEqualTo(c.nullCount());
      assertThat(m.topValues(100)).isEqualTo(c.topValues(100));
      if (c.mean() != null) {
        assertThat(m.mean()).isCloseTo(c.mean(), within(1e-9));
        assertThat(m.stdDev()).isCloseTo(c.stdDev(), within(1e-9));
        assertThat(m.min()).isEqualTo(c.min());
      }
    }
    assertThat(merged.rowCount()).isEqualTo(whole.rowCount());
  }

  /**
   * DataSketches 6's byte format goes through datasketches-memory 3, which runs on these Java versions only. (From
   * Java 25 on the jar's Java 25 classes use DataSketches 9 instead; the tests run on the Java 17 classes, and
   * mlops-it's consumer tests run the jar on JDK 25.)
   */
  private static boolean sketchCodecRuns() {
    int feature = Runtime.version().feature();
    return feature == 8 || feature == 11 || feature == 17 || feature == 21;
  }

  @Test
  void jsonRoundTripKeepsSketchesCountsAndHistograms() {
    assumeTrue(sketchCodecRuns(), "datasketches-memory 3 refuses Java " + Runtime.version().feature());
    Table weather = TableReader.readCsv(dataset("seattle-weather.csv"));
    Profile merged = Profile.of(weather.slice(0, 500)).merge(Profile.of(weather.slice(500, weather.rowCount())));
    Profile back = Profile.fromJson(merged.toJson());
    for (ColumnProfile c : merged.columns()) {
      ColumnProfile b = back.column(c.name());
      assertThat(b.approxDistinct()).isEqualTo(c.approxDistinct());
      assertThat(b.quantile(0.5)).isEqualTo(c.quantile(0.5));
      assertThat(b.mean()).isEqualTo(c.mean());
      assertThat(b.topValues(100)).isEqualTo(c.topValues(100));
      assertThat(b.histogram(10)).isEqualTo(c.histogram(10));
    }
    assertThat(back.merge(back).rowCount()).isEqualTo(2L * weather.rowCount());
  }

  @Test
  void aProfileWrittenBeforeJava25SupportReadsAsItDidThen() throws Exception {
    assumeTrue(sketchCodecRuns(), "datasketches-memory 3 refuses Java " + Runtime.version().feature());
    // written by a0ba209 (DataSketches 6, Java 17) from 5000 rows: id = row number, x = sin(0.37 id) rounded,
    // label = "c" + id % 7; large enough for both sketches to leave their exact modes
    URL written = ProfileTest.class.getResource("/profiles/written-at-a0ba209.json");
    Profile profile = Profile.fromJson(Files.readString(Path.of(written.toURI())));
    ColumnProfile id = profile.column("id");
    assertThat(id.approxDistinct()).isEqualTo(4944.30141593247);
    assertThat(id.quantile(0.5)).isEqualTo(2507.0);
    assertThat(id.quantile(0.9)).isEqualTo(4498.0);
    assertThat(id.histogram(4)).extracting(HistogramBin::count).containsExactly(1240L, 1248L, 1264L, 1248L);
    ColumnProfile x = profile.column("x");
    assertThat(x.approxDistinct()).isEqualTo(5013.542319515866);
    assertThat(x.quantile(0.5)).isEqualTo(16.43);
    assertThat(x.quantile(0.9)).isEqualTo(952.067);
    assertThat(x.histogram(4)).extracting(HistogramBin::count).containsExactly(1668L, 810L, 855L, 1667L);
    assertThat(profile.column("label").approxDistinct()).isEqualTo(7.000000104308129);
  }

  @Test
  void profileJsonOnAJavaTheSketchCodecRefusesIsAClearConfigurationError() {
    assumeFalse(sketchCodecRuns(), "the sketch codec runs on Java " + Runtime.version().feature());
    Profile profile = Profile.of(TableReader.readCsv(dataset("seattle-weather.csv")));
    for (int attempt = 0; attempt < 2; attempt++) { // the first use fails in a class initializer, later ones differently
      assertThatThrownBy(profile::toJson).isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("Java " + Runtime.version().feature()).hasMessageContaining("Java 17, 21 or 25");
    }
    // Everything but the JSON works: profiling, merging, quantiles and distinct counts.
    assertThat(profile.merge(profile).rowCount()).isEqualTo(2L * profile.rowCount());
    assertThat(profile.column("temp_max").quantile(0.5)).isNotNull();
  }

  @Test
  void suggestedSuitePassesOnItsSourceData() {
    Table weather = TableReader.readCsv(dataset("seattle-weather.csv"));
    ValidationSuite suite = Profile.of(weather).suggestSuite("weather");
    ValidationResult r = suite.run(weather);
    assertThat(r.status()).as(r.summary()).isEqualTo(ValidationStatus.PASSED);
    assertThat(suite.checks().get(0).rules()).extracting(Rule::type)
        .contains("isComplete", "isContainedIn", "isNonNegative");
    Table penguins = TableReader.readJson(dataset("penguins.json"));
    ValidationSuite ps = Profile.of(penguins).suggestSuite("penguins");
    assertThat(ps.run(penguins).status()).as(ps.run(penguins).summary()).isEqualTo(ValidationStatus.PASSED);
    assertThat(ps.checks().get(0).rules()).extracting(Rule::type).contains("hasCompleteness");
    assertThat(ValidationSuite.fromJson(ps.toJson())).isEqualTo(ps);
  }

  @Test
  void suggestedRulesPrintWholeNumbersAndUnboundedSides() {
    Table weather = TableReader.readCsv(dataset("seattle-weather.csv"));
    ValidationSuite suite = Profile.of(weather).suggestSuite("weather");
    Rule size = suite.checks().get(0).rules().get(0);
    assertThat(size.description()).isEqualTo("hasSize(1, unbounded)");
    String json = suite.toJson();
    assertThat(json).doesNotContain("E18").doesNotContain("9223372036854775807")
        .contains("\"min\" : 1,").contains("\"max\" : \"Infinity\"");
    ValidationSuite back = ValidationSuite.fromJson(json);
    assertThat(back).isEqualTo(suite);
    assertThat(back.checks().get(0).rules().get(0).description()).isEqualTo("hasSize(1, unbounded)");
    RuleResult sized = back.run(weather).results().get(0);
    assertThat(sized.message()).isEqualTo("row count is " + weather.rowCount() + ", within [1, unbounded]");
    for (RuleResult r : suite.run(weather).results()) {
      assertThat(r.rule() + " " + r.message()).doesNotContainPattern("\\dE\\d").doesNotContain(".0,").doesNotContain(".0]");
    }
    assertThat(Check.error("c").hasLength("s", 2, Integer.MAX_VALUE).hasNumberOfDistinctValues("s", 3, 7)
        .hasMean("x", Double.NEGATIVE_INFINITY, 2.5).rules()).extracting(Rule::description)
        .containsExactly("hasLength(s, 2, unbounded)", "hasNumberOfDistinctValues(s, 3, 7)",
            "hasMean(x, unbounded, 2.5)");
  }

  @Test
  void wilsonLowerBoundMatchesTheClosedForm() {
    // 95 of 100 with z = 1.96: Wilson interval (0.8882, 0.9785), Newcombe (1998) table values
    assertThat(RuleSuggester.wilsonLower(95, 100, 1.959963984540054)).isCloseTo(0.88825, within(1e-4));
    assertThat(RuleSuggester.wilsonLower(10, 10, 1.959963984540054)).isCloseTo(0.72246, within(1e-4));
    assertThat(List.of(RuleSuggester.wilsonLower(0, 10, 1.96))).containsExactly(0.0);
  }
}
