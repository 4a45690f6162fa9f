package dev.mlops.examples;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A reproducible train/test split: row indices shuffled by a seeded Fisher-Yates shuffle, the first share for
 * training and the rest for testing.
 *
 * @param train the training rows' indices
 * @param test the test rows' indices
 */
public record SeededSplit(int[] train, int[] test) {
  /**
   * Splits rows {@code 0 .. rows - 1}.
   *
   * @param rows how many rows
   * @param seed the shuffle's seed
   * @param trainShare the share of rows for training, rounded to the nearest row
   * @return the split
   */
  public static SeededSplit shuffle(int rows, long seed, double trainShare) {
    int[] order = new int[rows];
    for (int i = 0; i < rows; i++) {
      order[i] = i;
    }
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = rows - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int cut = (int) Math.round(rows * trainShare);
    return new SeededSplit(Arrays.copyOfRange(order, 0, cut), Arrays.copyOfRange(order, cut, rows));
  }
}
