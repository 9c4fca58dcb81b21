package dev.boreal.spark;

import dev.boreal.engine.gbdt.Settings;
import dev.boreal.engine.objective.ObjectiveSettings;
import dev.boreal.engine.params.Params;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.apache.spark.broadcast.Broadcast;

/**
 * What a training job tells every partition: the run's objective and start scores, the finished trees
 * (broadcast once per iteration), the iteration and output being grown, the iteration's bag (broadcast once per
 * bag drawn), the current tree's splits so far, and the splits the job proposes (whose children it builds
 * without making them).
 * A partition brings its {@link PartitionBlock} to this state before computing its part.
 */
final class TrainingStep implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String objective;
  private final Map<String, String> params;
  private final double[] baseScores;
  private final Broadcast<List<TreeSteps>> finished;
  private final int iteration;
  private final int output;
  private final Broadcast<RowBag> bag;
  private final TreeSteps tree;
  private final Rounding rounding;
  private final TreeSteps proposed;
  private transient ObjectiveSettings settings;

  /**
   * How partitions round the current tree's gradients to integer levels (quantized training), exactly as one
   * machine would round the whole data set.
   *
   * @param bins num_grad_quant_bins
   * @param stochastic stochastic_rounding
   * @param seed the tree's rounding seed
   * @param extremes the whole data set's largest |gradient|, largest |hessian| and smallest |hessian|
   */
  record Rounding(int bins, boolean stochastic, long seed, double[] extremes) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** Makes the steps of one tree: everything but the tree's splits is fixed while it grows. */
  interface Factory {
    TrainingStep step(TreeSteps tree);
  }

  /**
   * @param bag the rows the iteration's trees learn from, or {@code null} without bagging
   */
  TrainingStep(String objective, Map<String, String> params, double[] baseScores,
      Broadcast<List<TreeSteps>> finished, int iteration, int output, Broadcast<RowBag> bag, TreeSteps tree) {
    this(objective, params, baseScores, finished, iteration, output, bag, tree, null, null);
  }

  private TrainingStep(String objective, Map<String, String> params, double[] baseScores,
      Broadcast<List<TreeSteps>> finished, int iteration, int output, Broadcast<RowBag> bag, TreeSteps tree,
      Rounding rounding, TreeSteps proposed) {
    this.objective = objective;
    this.params = params;
    this.baseScores = baseScores;
    this.finished = finished;
    this.iteration = iteration;
    this.output = output;
    this.bag = bag;
    this.tree = tree;
    this.rounding = rounding;
    this.proposed = proposed;
  }

  /** This step with partitions rounding their gradients as {@code how} says. */
  TrainingStep rounded(Rounding how) {
    return new TrainingStep(objective, params, baseScores, finished, iteration, output, bag, tree, how, proposed);
  }

  /**
   * This step proposing splits of the tree's leaves: each names the leaf and the split, not a new leaf (see
   * {@link PartitionBlock#addProposedChildren}).
   */
  TrainingStep proposing(TreeSteps splits) {
    return new TrainingStep(objective, params, baseScores, finished, iteration, output, bag, tree, rounding,
        splits);
  }

  /** The proposed splits, or {@code null}. */
  TreeSteps proposed() {
    return proposed;
  }

  /** How to round the tree's gradients, or {@code null} when the step needs float gradients only. */
  Rounding rounding() {
    return rounding;
  }

  String objective() {
    return objective;
  }

  ObjectiveSettings objectiveSettings() {
    if (settings == null) {
      settings = Settings.objective(Params.of(params));
    }
    return settings;
  }

  double[] baseScores() {
    return baseScores;
  }

  int outputs() {
    return baseScores.length;
  }

  List<TreeSteps> finishedTrees() {
    return finished.value();
  }

  int iteration() {
    return iteration;
  }

  int output() {
    return output;
  }

  /** The rows the current tree learns from, or {@code null} for every row (no bagging). */
  RowBag bag() {
    return bag == null ? null : bag.value();
  }

  TreeSteps tree() {
    return tree;
  }
}
