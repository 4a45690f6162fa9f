package dev.mlops.validation.internal.drift;

import dev.mlops.validation.drift.DatasetProfile;
import dev.mlops.validation.drift.Window;
import org.jspecify.annotations.Nullable;

/**
 * Everything a {@link dev.mlops.validation.drift.WindowProfile} holds, copied out of it (to write JSON) or
 * read from JSON (to rebuild one), so that a restarted server continues counting where it stopped.
 *
 * <p>The arrays are owned by whoever holds the record: the window profile copies them under its lock when
 * it makes one and adopts them when it is rebuilt from one; {@link WindowJson} validates them on reading.
 *
 * @param reference the reference profile whose columns and binnings the window counts over
 * @param window the window's shape
 * @param counts {@code counts[column][pane][bin]}; pane 0 is the current pane of a time window
 * @param paneSizes the number of values in each column's panes
 * @param head each column's current pane (count windows; 0 for time windows)
 * @param currentPane the epoch pane number of a time window's current pane, {@code null} before its first
 *     update or for count windows
 * @param completed the last full tumbling window per column ({@code null} before one completed; a column
 *     entry is {@code null} when that column has not completed a count window yet)
 */
public record WindowState(
    DatasetProfile reference,
    Window window,
    long[][][] counts,
    long[][] paneSizes,
    int[] head,
    @Nullable Long currentPane,
    long @Nullable [][] completed) {}
