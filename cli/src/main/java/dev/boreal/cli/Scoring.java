package dev.boreal.cli;

import dev.boreal.UsageException;
import dev.boreal.engine.Parallel;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.Predictor;
import dev.boreal.engine.model.TrainedModel;
import dev.boreal.engine.nn.MlpModel;
import dev.boreal.io.DataReaders;
import dev.boreal.io.Datasets;
import dev.boreal.io.ReadOptions;
import dev.boreal.io.Table;
import dev.boreal.histogram.FeatureColumn;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/** Reads a data file against a model's features and scores it; shared by predict and eval. */
final class Scoring {
  /**
   * Raw scores of a file, and what else the commands need from it.
   *
   * @param raw raw scores, row-major (row * outputs + k)
   * @param rows number of rows
   * @param labels the label column's text values when a label was named (for eval), else {@code null}
   * @param numericLabels the label column's numbers when it is numeric, else {@code null}
   * @param weights sample weights or {@code null}
   * @param groups group sizes or {@code null}
   * @param leaves leaf per row and tree, row-major, when asked for, else {@code null}
   */
  record Scored(double[] raw, int rows, String[] labels, double[] numericLabels, double[] weights, int[] groups,
      int[] leaves) {}

  private Scoring() {}

  /**
   * The predictor a tree model scores with (its best iterations, or the first {@code iterations}); null for
   * a model that is not made of trees, which scores through {@link TrainedModel#predictRaw}.
   *
   * @throws UsageException when a tree-only option is given for another model
   */
  static Predictor predictor(TrainedModel model, Integer iterations, boolean leaves, Path file) {
    if (model instanceof Model trees) {
      return iterations == null ? trees.predictor() : trees.predictor(iterations);
    }
    if (iterations != null || leaves) {
      throw new UsageException((iterations != null ? "--iterations" : "--leaf-index") + " applies to tree models, "
          + "but " + file + " holds an " + model.algorithm() + " model.");
    }
    return null;
  }

  /** Iterations a score used: the predictor's, or the epoch whose weights a neural net keeps. */
  static int iterationsUsed(TrainedModel model, Predictor predictor) {
    if (predictor != null) {
      return predictor.iterations();
    }
    return model instanceof MlpModel mlp ? mlp.bestEpoch() : 0;
  }

  /**
   * Reads {@code file} against the model's features and scores it, on {@code options.threads()} threads.
   *
   * @param predictor a tree model's predictor, or null to score with {@link TrainedModel#predictRaw}
   * @param withLeaves also find each row's leaves (needs a predictor)
   */
  static Scored score(TrainedModel model, Predictor predictor, Path file, ReadOptions options,
      boolean withLeaves) {
    try (BufferAllocator allocator = new RootAllocator();
        Parallel parallel = new Parallel(options.threads());
        Table table = DataReaders.read(file, options, allocator, parallel.team())) {
      List<FeatureColumn> columns = Datasets.columnsFor(table, model.featureNames(), model.mappers());
      int rows = table.rowCount();
      double[] raw = new double[rows * model.numOutputs()];
      if (predictor != null) {
        predictor.predictRaw(columns, raw, parallel);
      } else {
        model.predictRaw(columns, raw);
      }
      int[] leaves = null;
      if (withLeaves) {
        leaves = new int[rows * predictor.iterations() * model.numOutputs()];
        predictor.predictLeaves(columns, leaves, parallel);
      }
      Labels.Column labels = Labels.read(table);
      return new Scored(raw, rows, labels == null ? null : labels.text(), labels == null ? null : labels.numeric(),
          table.weights(), table.groupSizes(), leaves);
    }
  }
}
