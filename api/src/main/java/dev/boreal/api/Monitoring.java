package dev.boreal.api;

import dev.boreal.engine.Parallel;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.TrainedModel;
import dev.boreal.explain.Importance;
import dev.boreal.explain.ShapValues;
import dev.boreal.explain.TreeShap;
import dev.boreal.histogram.FeatureColumn;
import dev.boreal.io.Datasets;
import dev.boreal.io.Table;
import dev.boreal.monitor.drift.DriftProfile;
import dev.boreal.monitor.drift.DriftReport;
import dev.boreal.monitor.drift.DriftTest;
import dev.boreal.monitor.drift.FeatureCounts;
import dev.boreal.monitor.drift.ScoreHistogram;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Drift profiles of a model's data and drift tests of new data against them, on tables: the one place that
 * turns a table into the counts, predictions and mean |SHAP values| the monitor module computes on, for the
 * Java API ({@link Boreal#profile}, {@link Boreal#drift}) and the command line alike.
 *
 * <p>Mean |SHAP| comes from TreeSHAP on at most {@link #SHAP_ROWS} rows, taken as {@link #SHAP_BLOCKS} blocks
 * spread evenly over the table (so a file sorted by time or label is still covered, and the same table always
 * gives the same rows); an MLP gets none (KernelSHAP on every profile would cost more than the profile is worth).
 */
public final class Monitoring {
  /** Most rows whose SHAP values are averaged for the importance ranking. */
  public static final int SHAP_ROWS = 2_000;
  /** Blocks the SHAP rows are taken in. */
  static final int SHAP_BLOCKS = 8;

  private Monitoring() {}

  /**
   * The reference profile of a model's training data.
   *
   * @param threads threads for prediction and SHAP
   * @throws dev.boreal.InputException if a feature of the model has no column, or one of the wrong kind
   */
  public static DriftProfile profile(TrainedModel model, Table table, int threads) {
    List<FeatureColumn> columns = Datasets.columnsFor(table, model.featureNames(), model.mappers());
    List<FeatureCounts> features = DriftProfile.count(model.mappers(), columns, null);
    ScoreHistogram predictions = ScoreHistogram.fit(scores(model, columns, table.rowCount()));
    double[] shap = meanAbsShap(model, table, columns, threads);
    return new DriftProfile(model.featureNames(), features, predictions, shap,
        shap == null ? 0 : Math.min(SHAP_ROWS, table.rowCount()));
  }

  /**
   * Tests a table of new rows against a model's profile.
   *
   * @throws dev.boreal.InputException if a feature of the model has no column, or one of the wrong kind, the
   *     table has no rows, or the profile does not fit the model
   */
  public static DriftReport drift(TrainedModel model, DriftProfile profile, Table table, int threads) {
    DriftTest test = DriftTest.of(profile, model.mappers());
    List<FeatureColumn> columns = Datasets.columnsFor(table, model.featureNames(), model.mappers());
    List<FeatureCounts> features = DriftProfile.count(model.mappers(), columns, profile.features());
    long[] predictions = profile.predictions().countsOf(scores(model, columns, table.rowCount()));
    double[] shap = profile.meanAbsShap() == null ? null : meanAbsShap(model, table, columns, threads);
    return test.compare(features, predictions, shap);
  }

  private static double[] scores(TrainedModel model, List<FeatureColumn> columns, int rows) {
    double[] raw = new double[Math.multiplyExact(rows, model.numOutputs())];
    model.predictRaw(columns, raw);
    return ScoreHistogram.scores(model.link(), raw, rows, model.numOutputs());
  }

  /** Mean |SHAP| per feature over the spread sample of rows, or null for a model that is not trees. */
  private static double[] meanAbsShap(TrainedModel model, Table table, List<FeatureColumn> columns, int threads) {
    if (!(model instanceof Model trees) || table.rowCount() == 0) {
      return null;
    }
    TreeShap shap = TreeShap.of(trees);
    int rows = table.rowCount();
    try (Parallel parallel = new Parallel(threads)) {
      if (rows <= SHAP_ROWS) {
        return Importance.meanAbsShap(shap.explain(columns, parallel));
      }
      double[] total = new double[columns.size()];
      int perBlock = SHAP_ROWS / SHAP_BLOCKS;
      for (int b = 0; b < SHAP_BLOCKS; b++) {
        int from = (int) ((long) b * rows / SHAP_BLOCKS);
        try (VectorSchemaRoot slice = table.root().slice(from, perBlock)) {
          ShapValues values = shap.explain(Datasets.sliceColumns(slice, columns), parallel);
          double[] block = Importance.meanAbsShap(values);
          for (int f = 0; f < total.length; f++) {
            total[f] += block[f] / SHAP_BLOCKS;
          }
        }
      }
      return total;
    }
  }
}
