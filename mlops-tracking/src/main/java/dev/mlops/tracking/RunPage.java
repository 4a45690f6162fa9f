package dev.mlops.tracking;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One page of search results and the token that fetches the next one. Immutable.
 *
 * @param runs the runs of this page, in the requested order (unmodifiable)
 * @param nextPageToken the token for the next page, or null when this page is the last
 */
public record RunPage(List<RunSnapshot> runs, @Nullable String nextPageToken) {
  /**
   * Creates a page.
   *
   * @param runs the runs; copied
   * @param nextPageToken the next page's token, or null
   */
  public RunPage {
    runs = List.copyOf(Objects.requireNonNull(runs, "runs"));
  }

  /** @return the next page's token, or empty when this is the last page */
  public Optional<String> next() {
    return Optional.ofNullable(nextPageToken);
  }
}
