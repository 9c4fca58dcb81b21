package dev.boreal.engine.forest;

import dev.boreal.engine.Parallel;
import dev.boreal.engine.Rng;
import dev.boreal.engine.metric.Metric;
import dev.boreal.engine.metric.Metrics;
import dev.boreal.engine.model.Tree;
import dev.boreal.engine.objective.Link;
import dev.boreal.histogram.BinnedData;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Out-of-bag predictions of a trained forest: each training row scored by the mean of the trees whose
 * sample left it out, and the OOB score after each tree (scikit-learn's {@code oob_score_}: accuracy for
 * classifiers, with the AUC for binary ones; R² for regression).
 *
 * <p>The trees are visited in index order and each tree's sample is drawn again from its seed
 * ({@link Bootstrap}), so nothing about the samples is stored during training, and every row's sum is
 * added in tree order: the predictions are the same for any thread count. Rows that every tree sampled
 * have no OOB prediction (NaN) and are left out of the score.
 */
public final class OutOfBag {
  private static final int BLOCK = 1 << 13;

  private final ForestScores sums;
  private final int[] trees;
  private final Map<String, double[]> history = new LinkedHashMap<>();

  private OutOfBag(ForestScores sums) {
    this.sums = sums;
    this.trees = new int[sums.rows()];
  }

  /**
   * Scores the training rows out of bag, tree by tree, and records the score after each tree.
   *
   * @param forest the trees, {@code forest[t]} holding tree t's trees of every output (same shape)
   * @param sample a buffer drawing the samples as training did
   * @param sampleSeed the forest's sampling seed; tree t's sample is drawn from {@code mix(seed, t)}
   * @param classes number of classes (1 for regression)
   * @param labels encoded labels
   * @param weights sample weights or {@code null}
   */
  static OutOfBag score(Tree[][] forest, BinnedData data, Bootstrap sample, long sampleSeed, int classes,
      double[] labels, double[] weights, Parallel parallel) {
    int n = data.rows();
    OutOfBag oob = new OutOfBag(new ForestScores(data, forest[0].length));
    List<String> names = classes == 1 ? List.of("r2") : classes == 2 ? List.of("accuracy", "auc")
        : List.of("accuracy");
    for (String name : names) {
      oob.history.put(name, new double[forest.length]);
    }
    Metric auc = classes == 2 ? Metrics.parse("auc", "binary", null, null).get(0) : null;
    Metric r2 = classes == 1 ? Metrics.parse("r2", "regression", null, null).get(0) : null;
    for (int t = 0; t < forest.length; t++) {
      sample.draw(Rng.mix(sampleSeed, t));
      int[] counts = sample.counts();
      Tree[] tree = forest[t];
      parallel.forBlocks(n, BLOCK, (b, from, to) -> {
        for (int r = from; r < to; r++) {
          if (counts[r] == 0) {
            oob.sums.add(tree, r);
            oob.trees[r]++;
          }
        }
      });
      Subset s = oob.subset(labels, weights);
      if (classes == 1) {
        oob.history.get("r2")[t] = s == null ? Double.NaN
            : r2.evaluate(s.scores, 1, Link.IDENTITY, s.labels, s.weights, null);
      } else {
        oob.history.get("accuracy")[t] = s == null ? Double.NaN : s.accuracy(classes);
        if (auc != null) {
          oob.history.get("auc")[t] = s == null ? Double.NaN
              : auc.evaluate(s.scores, 1, Link.IDENTITY, s.labels, s.weights, null);
        }
      }
    }
    return oob;
  }

  /** Number of training rows. */
  public int rows() {
    return trees.length;
  }

  /** Predictions per row: 1 (a mean, or the probability of class 1) or the number of classes. */
  public int outputs() {
    return sums.outputs();
  }

  /** The OOB prediction of output {@code k} for {@code row}: the mean over the trees that left it out, or NaN. */
  public double prediction(int row, int k) {
    return trees[row] == 0 ? Double.NaN : sums.sum(row, k) / trees[row];
  }

  /** How many trees left {@code row} out of their sample. */
  public int treesLeftOut(int row) {
    return trees[row];
  }

  /** Rows with an OOB prediction (left out by at least one tree). */
  public int rowsScored() {
    int m = 0;
    for (int t : trees) {
      m += t > 0 ? 1 : 0;
    }
    return m;
  }

  /** Metric name → the OOB score after each tree ("accuracy", "auc" or "r2"); the arrays are live. */
  Map<String, double[]> history() {
    return history;
  }

  /** The rows scored so far with their mean predictions, labels and weights; null when there are none. */
  private Subset subset(double[] allLabels, double[] allWeights) {
    int m = rowsScored();
    if (m == 0) {
      return null;
    }
    int rows = rows();
    int outputs = outputs();
    Subset s = new Subset(m, outputs);
    for (int r = 0, i = 0; r < rows; r++) {
      if (trees[r] > 0) {
        s.labels[i] = allLabels[r];
        s.weights[i] = allWeights == null ? 1.0 : allWeights[r];
        for (int k = 0; k < outputs; k++) {
          s.scores[k * m + i] = sums.sum(r, k) / trees[r];
        }
        i++;
      }
    }
    return s;
  }

  /** Rows with an OOB prediction, compacted to the exact length metrics read. */
  private static final class Subset {
    final double[] scores;
    final double[] labels;
    final double[] weights;

    Subset(int m, int outputs) {
      scores = new double[m * outputs];
      labels = new double[m];
      weights = new double[m];
    }

    /** Weighted accuracy of the most probable class (ties to the lower class, as an argmax does). */
    double accuracy(int classes) {
      int m = labels.length;
      double right = 0;
      double total = 0;
      for (int i = 0; i < m; i++) {
        int predicted;
        if (classes == 2) {
          predicted = scores[i] > 0.5 ? 1 : 0;
        } else {
          predicted = 0;
          for (int k = 1; k < classes; k++) {
            if (scores[k * m + i] > scores[predicted * m + i]) {
              predicted = k;
            }
          }
        }
        total += weights[i];
        right += predicted == (int) labels[i] ? weights[i] : 0.0;
      }
      return right / total;
    }
  }
}
