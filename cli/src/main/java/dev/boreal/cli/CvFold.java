package dev.boreal.cli;

import dev.boreal.engine.Parallel;
import dev.boreal.engine.Training;
import dev.boreal.engine.gbdt.TrainingListener;
import dev.boreal.engine.learn.Labels;
import dev.boreal.engine.learn.Learner;
import dev.boreal.engine.learn.Learners;
import dev.boreal.engine.learn.Preparation;
import dev.boreal.engine.metric.EvalHistory;
import dev.boreal.engine.metric.Metric;
import dev.boreal.engine.model.TrainedModel;
import dev.boreal.engine.params.Params;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * One fold of {@code boreal cv}: its training rows, copied from the data set and prepared through the one
 * training pipeline (binned on their own for the trees, kept raw for the mlp), with its held-out rows as
 * the one validation set, so that every iteration's held-out metrics are the ones
 * {@code boreal train --valid} would print for the same rows. The fold's own early stopping is off;
 * {@link CvCurve} stops every fold on the mean.
 *
 * <p>Each {@link #step()} is one step of the fold's training run, whose metric history gives the held-out
 * values: a boosting round, a forest's next tree (the forest is grown whole at the first step, its trees
 * being independent), or an mlp epoch (with {@code patience} raised to {@code max_epochs}, so it never
 * stops on its internal hold-out).
 */
final class CvFold implements FoldLockstep.Fold {
  private final Learner<?> learner;
  private final DataPart all;
  private final Folds folds;
  private final int fold;
  private final Labels labels;
  private final List<Metric> metrics;
  private final BufferAllocator allocator;
  private final Parallel team;
  private DataPart.Copy test;
  /** The mlp's training copy, open while it trains; the trees keep only bins. */
  private DataPart.Copy trainCopy;
  private Training<?> run;

  private CvFold(Learner<?> learner, DataPart all, Folds folds, int fold, Labels labels, List<Metric> metrics,
      BufferAllocator allocator, Parallel team) {
    this.learner = learner;
    this.all = all;
    this.folds = folds;
    this.fold = fold;
    this.labels = labels;
    this.metrics = metrics;
    this.allocator = allocator;
    this.team = team;
  }

  /**
   * Every fold of {@code folds}, ready to train on the command's team.
   *
   * @param labels the whole data set's label encoding, with the run's validated parameters
   * @param metrics the metrics of the curve, as the learner parses {@code metric}
   */
  static List<CvFold> all(Learner<?> learner, DataPart all, Folds folds, Labels labels, List<Metric> metrics,
      BufferAllocator allocator, Parallel team) {
    Labels own = labels.withParams(ownParams(learner, labels.params()));
    List<CvFold> out = new ArrayList<>();
    for (int f = 0; f < folds.k(); f++) {
      out.add(new CvFold(learner, all, folds, f, own, metrics, allocator, team));
    }
    return out;
  }

  /** The parameters a fold trains with: the run's, with the fold's own stopping rules off. */
  private static Params ownParams(Learner<?> learner, Params p) {
    if (!learner.readsBins()) {
      return p.with("patience", Integer.toString(p.getInt("max_epochs")));
    }
    if (learner == Learners.RF) {
      // The held-out part measures what out-of-bag scoring would; cross-validation reports no OOB figures.
      return p.with("oob_score", "false");
    }
    return p.with("early_stopping_round", "0");
  }

  @Override
  public double[] step() {
    if (run == null) {
      run = start();
    }
    if (!run.step()) {
      return null;
    }
    EvalHistory history = run.history();
    int it = run.iterations() - 1;
    double[] values = new double[metrics.size()];
    for (int m = 0; m < values.length; m++) {
      values[m] = history.value(test.part().name(), metrics.get(m).name(), it);
    }
    return values;
  }

  /**
   * Copies the fold's rows and prepares them. The held-out copy stays open while the fold trains (the mlp
   * reads its raw columns every epoch); the training copy too for the mlp, which reads it every epoch.
   */
  private Training<?> start() {
    test = folds.part(all, fold, true, allocator);
    DataPart.Copy rows = folds.part(all, fold, false, allocator);
    try {
      Preparation prep = Preparation.of(learner, rows.part().input(), labels, team);
      prep.addValidation(test.part().input());
      Training<?> started = learner.start(prep.data(), TrainingListener.NONE, team);
      if (!learner.readsBins()) {
        trainCopy = rows;
        rows = null;
      }
      return started;
    } finally {
      if (rows != null) {
        rows.close();
      }
    }
  }

  /** The metrics of the fold's model on its held-out rows (for a fold whose first iteration found no split). */
  @Override
  public double[] finalValues() {
    TrainedModel model = run.finish();
    DataPart heldOut = test.part();
    double[] raw = heldOut.rawScores(model);
    double[] out = new double[metrics.size()];
    for (int m = 0; m < out.length; m++) {
      out[m] = metrics.get(m).evaluate(raw, model.numOutputs(), model.link(), heldOut.labels(), heldOut.weights(),
          heldOut.groups());
    }
    return out;
  }

  @Override
  public void close() {
    if (trainCopy != null) {
      trainCopy.close();
    }
    if (test != null) {
      test.close();
    }
  }
}
