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
 * (broadcast once per iteration), the iteration and output being grown, and the current tree's splits so far.
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
  private final TreeSteps tree;
  private transient ObjectiveSettings settings;

  /** Makes the steps of one tree: everything but the tree's splits is fixed while it grows. */
  interface Factory {
    TrainingStep step(TreeSteps tree);
  }

  TrainingStep(String objective, Map<String, String> params, double[] baseScores,
      Broadcast<List<TreeSteps>> finished, int iteration, int output, TreeSteps tree) {
    this.objective = objective;
    this.params = params;
    this.baseScores = baseScores;
    this.finished = finished;
    this.iteration = iteration;
    this.output = output;
    this.tree = tree;
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

  TreeSteps tree() {
    return tree;
  }
}
