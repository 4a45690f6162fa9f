package dev.mlops.ui;

import dev.mlops.core.InvalidInputException;
import dev.mlops.core.StorageException;
import dev.mlops.tracking.Tracker;
import dev.mlops.tracking.leaderboard.Leaderboard;
import dev.mlops.ui.internal.Json;
import dev.mlops.ui.internal.ReportKind;
import dev.mlops.ui.internal.ReportPage;
import dev.mlops.ui.internal.RunViews;
import dev.mlops.validation.Profile;
import dev.mlops.validation.ValidationResult;
import dev.mlops.validation.drift.DatasetDrift;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;

/**
 * A self-contained single-file HTML report: its styles, scripts (uPlot and ours) and data are all inline, so
 * it opens offline, from a CI artifact or an e-mail attachment, and its Content Security Policy lets it load
 * nothing from anywhere. Every string from data is inserted as text, never as markup.
 *
 * <pre>{@code
 * HtmlReport.of(drift).titled("weather 2023 vs 2024").writeTo(Path.of("target/drift.html"));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class HtmlReport {
  private final String kind;
  private final String title;
  private final Object data;

  private HtmlReport(String kind, String title, Object data) {
    this.kind = kind;
    this.title = title;
    this.data = data;
  }

  /**
   * A report of a validation result: status, each rule's outcome and unexpected counts per column.
   *
   * @param result the result
   * @return the report
   */
  public static HtmlReport of(ValidationResult result) {
    return new HtmlReport(ReportKind.VALIDATION, "Validation: " + result.suite(),
        Json.parse(result.toJson(), "validation result"));
  }

  /**
   * A report of a profile: each column's statistics, histogram or top values.
   *
   * @param profile the profile
   * @return the report
   */
  public static HtmlReport of(Profile profile) {
    return new HtmlReport(ReportKind.PROFILE, "Profile of " + profile.rowCount() + " rows",
        ReportKind.compact(Json.parse(profile.toJson(), "profile")));
  }

  /**
   * A report of data drift: the verdict, and per column its test, effect size and reference vs current
   * histogram.
   *
   * @param drift the drift result
   * @return the report
   */
  public static HtmlReport of(DatasetDrift drift) {
    return new HtmlReport(ReportKind.DRIFT, "Data drift", Json.parse(drift.toJson(), "drift"));
  }

  /**
   * A report of a leaderboard.
   *
   * @param leaderboard the leaderboard
   * @return the report
   */
  public static HtmlReport of(Leaderboard leaderboard) {
    return new HtmlReport("leaderboard", "Leaderboard: " + leaderboard.metric(),
        Json.parse(leaderboard.toJson(), "leaderboard"));
  }

  /**
   * A comparison of 2 to 10 runs: param differences, overlaid metric charts (each series downsampled to about
   * 2,000 points) and parallel coordinates.
   *
   * @param tracker the tracker that holds the runs
   * @param runIds the runs' ids
   * @return the report
   * @throws InvalidInputException if fewer than 2 or more than 10 runs are given
   * @throws dev.mlops.core.NotFoundException if a run does not exist
   */
  public static HtmlReport comparison(Tracker tracker, List<String> runIds) {
    Objects.requireNonNull(tracker, "tracker");
    return new HtmlReport("compare", "Comparison of " + runIds.size() + " runs",
        new RunViews(tracker).compare(List.copyOf(runIds), RunViews.MAX_CHART_POINTS));
  }

  /**
   * Returns this report under another title.
   *
   * @param newTitle the title shown in the page and its tab
   * @return a new report
   */
  public HtmlReport titled(String newTitle) {
    return new HtmlReport(kind, Objects.requireNonNull(newTitle, "newTitle"), data);
  }

  /** @return the title */
  public String title() {
    return title;
  }

  /** @return the whole page: one HTML document with everything inline */
  public String toHtml() {
    return ReportPage.render(kind, title, data);
  }

  /**
   * Writes the page atomically (a temporary file renamed into place), creating parent directories.
   *
   * @param file where to write, typically ending in {@code .html}
   * @return the file
   * @throws StorageException if it cannot be written
   */
  public Path writeTo(Path file) {
    Path target = file.toAbsolutePath();
    try {
      Files.createDirectories(target.getParent());
      Path tmp = Files.createTempFile(target.getParent(), ".report-", ".tmp");
      try {
        Files.writeString(tmp, toHtml(), StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new StorageException("cannot write the report to " + target + ": " + e.getMessage(), e);
    }
    return file;
  }

  @Override
  public String toString() {
    return "HtmlReport[" + kind + ": " + title + "]";
  }
}
