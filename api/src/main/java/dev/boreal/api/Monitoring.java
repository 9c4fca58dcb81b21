package dev.boreal.api;

import dev.boreal.engine.Parallel;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.TrainedModel;
import dev.boreal.explain.Importance;
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

/**
 * Drift profiles of a model's data and drift tests of new data against them, on tables: the one place that
 * turns a table into the counts, predictions and mean |SHAP values| the monitor module computes on, for the
 * Java API ({@link Boreal#profile}, {@link Boreal#drift}) and the command line alike.
 *
 * <p>The profile samples what costs a model evaluation per row: the prediction histogram of a table of more than
 * {@link #PREDICTION_ROWS} rows is taken on that many, and mean |SHAP| (TreeSHAP) on at most {@link #SHAP_ROWS},
 * each as {@link #BLOCKS} blocks spread evenly over the table (so a file sorted by time or label is still covered,
 * and the same table always gives the same rows). The bin counts always cover every row. An MLP gets no mean
 * |SHAP| (KernelSHAP on every profile would cost more than the profile is worth). A drift test predicts every
 * new row and explains the same spread sample.
 *
 * <p>A table with a weight column gives a weighted profile: the bin counts and the prediction histogram count
 * each row with its weight, and the profile keeps Kish's effective sample size for the thresholds
 * ({@link DriftProfile}); mean |SHAP| stays an unweighted mean. New data is counted unweighted.
 */
public final class Monitoring {
  /**
   * Most rows whose SHAP values are averaged for the importance ranking: the ranking of mean |SHAP| settles on a
   * few hundred rows, and on small data TreeSHAP was most of what a profile cost training (2,000 rows: 0.2–0.5 s
   * of agaricus' 100 rounds).
   */
  public static final int SHAP_ROWS = 512;
  /** Most training rows the prediction histogram of a profile is taken on. */
  public static final int PREDICTION_ROWS = 200_000;
  /** Blocks a sample of rows is taken in. */
  static final int BLOCKS = 8;

  /** Work on one block of a table's rows, those from row {@code from}. */
  private interface BlockWork {
    void accept(List<FeatureColumn> columns, int from, int rows);
  }

  private Monitoring() {}

  /**
   * The reference profile of a model's training data.
   *
   * @param threads threads for prediction and SHAP
   * @throws dev.boreal.InputException if a feature of the model has no column, or one of the wrong kind
   */
  public static DriftProfile profile(TrainedModel model, Table table, int threads) {
    try (Parallel parallel = new Parallel(threads)) {
      return profile(model, table, parallel);
    }
  }

  /**
   * The reference profile of a model's training data, computed on the caller's threads (a command that read
   * the table on a team profiles on the same team rather than starting a second one).
   *
   * @param parallel the threads for counting, prediction and SHAP; the caller keeps and closes it
   * @throws dev.boreal.InputException if a feature of the model has no column, or one of the wrong kind
   */
  public static DriftProfile profile(TrainedModel model, Table table, Parallel parallel) {
    List<FeatureColumn> columns = Datasets.columnsFor(table, model.featureNames(), model.mappers());
    double[] weights = table.weights();
    List<FeatureCounts> features = DriftProfile.count(parallel, model.mappers(), columns, null, weights);
    double[] sampledWeights = weights == null ? null : new double[sampled(table.rowCount(), PREDICTION_ROWS)];
    double[] scores = scores(model, table, columns, PREDICTION_ROWS, weights, sampledWeights, parallel);
    ScoreHistogram predictions = ScoreHistogram.fit(scores, sampledWeights);
    double[] shap = meanAbsShap(model, table, columns, parallel);
    return new DriftProfile(model.featureNames(), features, predictions, shap,
        shap == null ? 0 : sampled(table.rowCount(), SHAP_ROWS),
        DriftProfile.effectiveRows(weights, table.rowCount()));
  }

  /**
   * Tests a table of new rows against a model's profile.
   *
   * @throws dev.boreal.InputException if a feature of the model has no column, or one of the wrong kind, the
   *     table has no rows, or the profile does not fit the model
   */
  public static DriftReport drift(TrainedModel model, DriftProfile profile, Table table, int threads) {
    try (Parallel parallel = new Parallel(threads)) {
      return drift(model, profile, table, parallel);
    }
  }

  /**
   * Tests a table of new rows against a model's profile, on the caller's threads.
   *
   * @param parallel the threads for counting, prediction and SHAP; the caller keeps and closes it
   * @throws dev.boreal.InputException as {@link #drift(TrainedModel, DriftProfile, Table, int)}
   */
  public static DriftReport drift(TrainedModel model, DriftProfile profile, Table table, Parallel parallel) {
    DriftTest test = DriftTest.of(profile, model.mappers());
    List<FeatureColumn> columns = Datasets.columnsFor(table, model.featureNames(), model.mappers());
    List<FeatureCounts> features = DriftProfile.count(parallel, model.mappers(), columns, profile.features(), null);
    long[] predictions = profile.predictions().countsOf(scores(model, table, columns, Integer.MAX_VALUE, null,
        null, parallel));
    double[] shap = profile.meanAbsShap() == null ? null : meanAbsShap(model, table, columns, parallel);
    return test.compare(features, predictions, shap);
  }

  /**
   * One score per row ({@link ScoreHistogram#scores}) of at most {@code maxRows} spread rows, and when
   * {@code weights} is given the same rows' weights into {@code sampledWeights}.
   */
  private static double[] scores(TrainedModel model, Table table, List<FeatureColumn> columns, int maxRows,
      double[] weights, double[] sampledWeights, Parallel parallel) {
    double[] scores = new double[sampled(table.rowCount(), maxRows)];
    int[] at = {0};
    spread(table, columns, maxRows, (block, from, rows) -> {
      if (weights != null) {
        System.arraycopy(weights, from, sampledWeights, at[0], rows);
      }
      double[] raw = new double[Math.multiplyExact(rows, model.numOutputs())];
      model.predictRaw(block, raw, parallel);
      double[] blockScores = ScoreHistogram.scores(model.link(), raw, rows, model.numOutputs());
      System.arraycopy(blockScores, 0, scores, at[0], rows);
      at[0] += rows;
    });
    return scores;
  }

  /** Mean |SHAP| per feature over the spread sample of rows, or null for a model that is not trees. */
  private static double[] meanAbsShap(TrainedModel model, Table table, List<FeatureColumn> columns,
      Parallel parallel) {
    if (!(model instanceof Model trees) || table.rowCount() == 0) {
      return null;
    }
    TreeShap shap = TreeShap.of(trees);
    double[] total = new double[columns.size()];
    int sampled = sampled(table.rowCount(), SHAP_ROWS);
    spread(table, columns, SHAP_ROWS, (block, from, rows) -> {
      double[] mean = Importance.meanAbsShap(shap.explain(block, parallel));
      for (int f = 0; f < total.length; f++) {
        total[f] += mean[f] * rows / sampled;
      }
    });
    return total;
  }

  /** Rows {@link #spread} visits of a table of {@code rows} rows. */
  private static int sampled(int rows, int maxRows) {
    return rows <= maxRows ? rows : maxRows / BLOCKS * BLOCKS;
  }

  /**
   * Hands the table to {@code work} whole when it has at most {@code maxRows} rows, else as {@link #BLOCKS}
   * blocks of {@code maxRows / BLOCKS} rows, starting evenly through it.
   */
  private static void spread(Table table, List<FeatureColumn> columns, int maxRows, BlockWork work) {
    int rows = table.rowCount();
    if (rows <= maxRows) {
      work.accept(columns, 0, rows);
      return;
    }
    int perBlock = maxRows / BLOCKS;
    for (int b = 0; b < BLOCKS; b++) {
      int from = (int) ((long) b * rows / BLOCKS);
      try (Table.Slice slice = table.slice(from, perBlock, columns)) {
        work.accept(slice.columns(), from, perBlock);
      }
    }
  }
}
