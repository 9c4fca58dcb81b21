package dev.boreal.engine.forest;

import dev.boreal.engine.TestData;
import dev.boreal.engine.TrainingData;
import dev.boreal.engine.params.Params;
import dev.boreal.histogram.BinnedData;
import dev.boreal.histogram.BinningParams;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Small synthetic data sets for forest tests: four numeric features (one with missing values, one that
 * is pure noise) and a categorical feature of eight categories (more than max_cat_to_onehot, so its
 * splits sort categories), with labels for regression, binary or K-class classification.
 */
final class ForestTestData {
  private ForestTestData() {}

  /**
   * @param classes 1 for a regression label, 2 for binary, K for K classes
   * @param weighted whether rows carry sample weights (between 0.5 and 2)
   */
  static TrainingData make(int n, int classes, boolean weighted, long seed) {
    return make(n, classes, weighted, seed, null);
  }

  /** Like {@link #make(int, int, boolean, long)}, binned with the mappers of {@code like} when it is given. */
  static TrainingData make(int n, int classes, boolean weighted, long seed, BinnedData like) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] x = new double[4][n];
    int[] cat = new int[n];
    double[] y = new double[n];
    double[] w = weighted ? new double[n] : null;
    for (int i = 0; i < n; i++) {
      for (int f = 0; f < 4; f++) {
        x[f][i] = r.nextDouble() * 4 - 2;
      }
      if (r.nextDouble() < 0.08) {
        x[2][i] = Double.NaN;
      }
      cat[i] = r.nextInt(8);
      double signal = Math.sin(2 * x[0][i]) + x[1][i] * x[1][i] * 0.5
          + (Double.isNaN(x[2][i]) ? 1.0 : 0.4 * x[2][i]) + ((cat[i] * 5) % 8) * 0.25 - 1.2
          + 0.5 * r.nextGaussian();
      if (classes == 1) {
        y[i] = signal;
      } else {
        int k = (int) Math.floor((signal + 2) * classes / 4);
        y[i] = Math.max(0, Math.min(classes - 1, k));
      }
      if (weighted) {
        w[i] = 0.5 + 1.5 * r.nextDouble();
      }
    }
    String[][] names = {{"a", "b", "c", "d", "e", "f", "g", "h"}};
    BinnedData binned = like != null ? TestData.apply(like, x, new int[][] {cat}, names)
        : TestData.bin(x, new int[][] {cat}, names, BinningParams.defaults().withMaxBin(63));
    return new TrainingData(like != null ? "valid" : "train", binned, TestData.names(5), y, w, null);
  }

  /** The objective of a label kind: regression, binary or multiclass. */
  static String objective(int classes) {
    return classes == 1 ? "regression" : classes == 2 ? "binary" : "multiclass";
  }

  /** Parameters from name/value pairs, with the objective and num_class of {@code classes}. */
  static Params params(int classes, String... pairs) {
    Map<String, String> m = new HashMap<>();
    m.put("objective", objective(classes));
    if (classes > 2) {
      m.put("num_class", Integer.toString(classes));
    }
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return Params.of(m);
  }

  /** Class names "0".."K-1" for a classifier, null for regression. */
  static String[] classes(int classes) {
    if (classes == 1) {
      return null;
    }
    String[] names = new String[classes];
    for (int k = 0; k < classes; k++) {
      names[k] = Integer.toString(k);
    }
    return names;
  }
}
