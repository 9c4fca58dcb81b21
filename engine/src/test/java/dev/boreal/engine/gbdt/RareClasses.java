package dev.boreal.engine.gbdt;

import dev.boreal.engine.TestData;
import dev.boreal.engine.TrainingData;
import dev.boreal.histogram.BinnedData;
import dev.boreal.histogram.BinningParams;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Data with the shape that made boosting diverge: seven classes whose features nearly separate them, four
 * of them rare (two with fewer than ten training rows) and sitting close to the largest class, as in the
 * Statlog shuttle data. Features are integers, as there, so many rows share a value. The rows are split
 * 80/20 at random into a training and a validation set.
 */
final class RareClasses {
  /** Rows per class before the split; the 80% training part leaves classes 1, 5 and 6 under ten rows. */
  static final int[] SIZES = {5500, 6, 20, 1070, 390, 8, 10};
  static final int FEATURES = 9;

  private final TrainingData train;
  private final TrainingData valid;

  RareClasses(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] centers = new double[SIZES.length][FEATURES];
    for (double[] center : centers) {
      for (int f = 0; f < FEATURES; f++) {
        center[f] = gaussian(r) * 3;
      }
    }
    for (int c : new int[] {1, 2, 5, 6}) {
      for (int f = 0; f < FEATURES; f++) {
        centers[c][f] = centers[0][f] + (r.nextDouble() < 0.4 ? gaussian(r) * 1.5 : 0);
      }
    }
    int n = Arrays.stream(SIZES).sum();
    double[] y = new double[n];
    for (int c = 0, i = 0; c < SIZES.length; c++) {
      for (int k = 0; k < SIZES[c]; k++) {
        y[i++] = c;
      }
    }
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      double t = y[i];
      y[i] = y[j];
      y[j] = t;
    }
    double[][] x = new double[FEATURES][n];
    for (int i = 0; i < n; i++) {
      for (int f = 0; f < FEATURES; f++) {
        x[f][i] = Math.rint((centers[(int) y[i]][f] + 0.5 * gaussian(r)) * 10);
      }
    }
    int cut = n * 4 / 5;
    double[][] trainX = new double[FEATURES][];
    double[][] validX = new double[FEATURES][];
    for (int f = 0; f < FEATURES; f++) {
      trainX[f] = Arrays.copyOfRange(x[f], 0, cut);
      validX[f] = Arrays.copyOfRange(x[f], cut, n);
    }
    BinnedData trainBins = TestData.bin(trainX, new int[0][], new String[0][], BinningParams.defaults());
    BinnedData validBins = TestData.apply(trainBins, validX, new int[0][], new String[0][]);
    train = new TrainingData("train", trainBins, TestData.names(FEATURES), Arrays.copyOfRange(y, 0, cut), null, null);
    valid = new TrainingData("valid", validBins, TestData.names(FEATURES), Arrays.copyOfRange(y, cut, n), null, null);
  }

  /** The 80% training part, binned with fresh mappers. */
  TrainingData train() {
    return train;
  }

  /** The 20% validation part, binned with the training part's mappers. */
  TrainingData valid() {
    return valid;
  }

  /** The labels as a binary problem: the rare classes 5 and 6 against the rest. */
  static TrainingData binary(TrainingData data) {
    double[] y = new double[data.rows()];
    for (int i = 0; i < y.length; i++) {
      y[i] = data.labels()[i] >= 5 ? 1 : 0;
    }
    return new TrainingData(data.name(), data.data(), data.featureNames(), y, null, null);
  }

  private static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }
}
