package dev.boreal.monitor.drift;

import dev.boreal.engine.Parallel;
import dev.boreal.histogram.BinMapper;
import dev.boreal.histogram.FeatureColumn;
import java.util.Arrays;
import java.util.List;

/**
 * A model's reference profile, taken on its training data: per feature, how the rows fell into the model's
 * own bins ({@link FeatureCounts}, with missing values, unseen categories and the numeric range); the
 * histogram of the training predictions ({@link ScoreHistogram}); and, for tree models, the mean |SHAP value|
 * per feature over a sample of the training rows. A {@link DriftTest} compares new data against it. Immutable.
 *
 * <p>When training had sample weights, the counts and the prediction histogram are weighted (each row counts
 * its weight), so the reference is the distribution the model was fitted to; {@code effectiveRows} is then
 * Kish's effective sample size {@code (Σw)² / Σw²}, which the size-aware thresholds resample the reference at.
 * Mean |SHAP| stays an unweighted mean over its sample.
 *
 * @param featureNames the model's features, in schema order
 * @param features counts per feature, in schema order, all of the same total
 * @param predictions the training predictions' histogram
 * @param meanAbsShap mean |SHAP value| per feature, or null when the model has none (an MLP)
 * @param shapRows rows the mean |SHAP| was averaged over (0 when it is null)
 * @param effectiveRows the reference's effective sample size: {@link #rows()} when unweighted, else Kish's
 */
public record DriftProfile(List<String> featureNames, List<FeatureCounts> features, ScoreHistogram predictions,
    double[] meanAbsShap, int shapRows, double effectiveRows) {
  /**
   * How far (relatively) two features' weighted totals may differ: each sums the same weights, but cell by
   * cell in its own order, so their rounding differs.
   */
  private static final double TOTALS_TOLERANCE = 1e-9;

  /** Copies the lists and the array. */
  public DriftProfile {
    featureNames = List.copyOf(featureNames);
    features = List.copyOf(features);
    meanAbsShap = meanAbsShap == null ? null : meanAbsShap.clone();
  }

  /** An unweighted profile: its effective sample size is its row count. */
  public DriftProfile(List<String> featureNames, List<FeatureCounts> features, ScoreHistogram predictions,
      double[] meanAbsShap, int shapRows) {
    this(featureNames, features, predictions, meanAbsShap, shapRows, rowsOf(features, predictions));
  }

  /**
   * Kish's effective sample size of rows with these weights, {@code (Σw)² / Σw²}: as many unweighted rows as
   * would estimate a share as precisely; the row count itself when {@code weights} is null or all equal.
   *
   * @param weights sample weights, finite and non-negative, or null
   * @param rows the row count, used when {@code weights} is null
   */
  public static double effectiveRows(double[] weights, long rows) {
    if (weights == null) {
      return rows;
    }
    double sum = 0;
    double squares = 0;
    for (double w : weights) {
      sum += w;
      squares += w * w;
    }
    return squares == 0 ? 0 : sum * sum / squares;
  }
  /** A copy of the mean |SHAP value| per feature, or null. */
  @Override
  public double[] meanAbsShap() {
    return meanAbsShap == null ? null : meanAbsShap.clone();
  }

  /** Training rows the profile counted: their total weight, when weighted. */
  public double rows() {
    return rowsOf(features, predictions);
  }

  private static double rowsOf(List<FeatureCounts> features, ScoreHistogram predictions) {
    return features.isEmpty() ? DriftStatistics.total(predictions.counts()) : features.get(0).total();
  }

  /**
   * The factor that turns a reference total into an effective sample size, {@code effectiveRows / rows}: 1 for
   * an unweighted profile, below 1 for unequal weights.
   */
  public double designFactor() {
    return effectiveRows / rows();
  }

  /**
   * Counts every feature's column into its cells, features spread over the threads of {@code parallel}.
   *
   * @param parallel the threads that count, one feature at a time each
   * @param mappers the model's bin mappers, in schema order
   * @param columns one column per feature, in the same order and of the same kinds
   * @param references the reference counts whose ranges new values are checked against, or null when the
   *     columns are the reference itself
   * @param weights one sample weight per row for a weighted reference, else null
   */
  public static List<FeatureCounts> count(Parallel parallel, List<BinMapper> mappers, List<FeatureColumn> columns,
      List<FeatureCounts> references, double[] weights) {
    FeatureCounts[] counts = new FeatureCounts[mappers.size()];
    parallel.forEach(counts.length, (f, from, to) -> {
      CellCounter counter = references == null ? CellCounter.forReference(mappers.get(f))
          : CellCounter.against(mappers.get(f), references.get(f));
      counter.addColumn(columns.get(f), weights);
      counts[f] = counter.counts();
    });
    return List.of(counts);
  }

  /**
   * What is wrong with this profile as one of a model with these features, as a phrase ("feature 'x' has 3
   * cells, its bins need 5"), or null when nothing is: names, cell counts, equal totals, non-negative counts,
   * ranges within the totals, finite non-negative mean |SHAP| values.
   */
  public String problemWith(List<String> names, List<BinMapper> mappers) {
    if (!featureNames.equals(names)) {
      return "its features " + featureNames + " are not the model's " + names;
    }
    double rows = rows();
    if (!(rows > 0) || Double.isInfinite(rows)) {
      return "it counts no rows";
    }
    if (!(effectiveRows > 0 && effectiveRows <= rows * (1 + TOTALS_TOLERANCE))) {
      return "its effective row count " + effectiveRows + " is not in (0, " + FeatureCounts.show(rows) + "]";
    }
    for (int f = 0; f < features.size(); f++) {
      String problem = problemWith(features.get(f), mappers.get(f), rows);
      if (problem != null) {
        return "feature '" + names.get(f) + "' " + problem;
      }
    }
    for (double c : predictions.counts()) {
      if (!(c >= 0) || Double.isInfinite(c)) {
        return "its prediction histogram has a negative count";
      }
    }
    if (DriftStatistics.total(predictions.counts()) < 1) {
      return "its prediction histogram counts no rows";
    }
    if (meanAbsShap != null) {
      if (meanAbsShap.length != names.size()) {
        return "it has " + meanAbsShap.length + " mean |SHAP| values for " + names.size() + " features";
      }
      for (double v : meanAbsShap) {
        if (!(v >= 0) || Double.isInfinite(v)) {
          return "its mean |SHAP| values must be finite and non-negative, but one is " + v;
        }
      }
    }
    return null;
  }

  private static String problemWith(FeatureCounts counts, BinMapper mapper, double rows) {
    int expected = FeatureCounts.cellCount(mapper);
    if (counts.size() != expected) {
      return "has " + counts.size() + " cells, but its bins make " + expected;
    }
    for (double c : counts.cells()) {
      if (!(c >= 0) || Double.isInfinite(c)) {
        return "has a count " + FeatureCounts.show(c) + " that is not finite and non-negative";
      }
    }
    if (Math.abs(counts.total() - rows) > TOTALS_TOLERANCE * rows) {
      return "counts " + FeatureCounts.show(counts.total()) + " rows, but the first feature counts "
          + FeatureCounts.show(rows);
    }
    if (counts.belowRange() < 0 || counts.aboveRange() < 0 || counts.belowRange() + counts.aboveRange() > rows) {
      return "has out-of-range counts outside 0 .. " + FeatureCounts.show(rows);
    }
    double min = counts.min();
    double max = counts.max();
    boolean none = Double.isNaN(min) && Double.isNaN(max);
    if (!none && !(Double.isFinite(min) && Double.isFinite(max) && min <= max)) {
      return "has range [" + min + ", " + max + "], which is not a finite interval";
    }
    return null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DriftProfile p && featureNames.equals(p.featureNames) && features.equals(p.features)
        && predictions.equals(p.predictions) && Arrays.equals(meanAbsShap, p.meanAbsShap) && shapRows == p.shapRows
        && Double.compare(effectiveRows, p.effectiveRows) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * features.hashCode() + predictions.hashCode();
  }

  @Override
  public String toString() {
    return "DriftProfile[" + featureNames.size() + " features, " + FeatureCounts.show(rows()) + " rows]";
  }
}
