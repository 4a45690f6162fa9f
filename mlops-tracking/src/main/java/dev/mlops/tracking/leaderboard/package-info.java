/**
 * Leaderboards: runs ranked by a metric, optionally best per group, as a table and JSON.
 */
@NullMarked
package dev.mlops.tracking.leaderboard;

import org.jspecify.annotations.NullMarked;
