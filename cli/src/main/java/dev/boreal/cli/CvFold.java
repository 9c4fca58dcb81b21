package dev.boreal.cli;

import dev.boreal.engine.TrainingData;
import dev.boreal.engine.forest.RandomForest;
import dev.boreal.engine.gbdt.GradientBoosting;
import dev.boreal.engine.gbdt.Settings;
import dev.boreal.engine.gbdt.TrainingListener;
import dev.boreal.engine.metric.Metric;
import dev.boreal.engine.model.TrainedModel;
import dev.boreal.engine.nn.MlpTrainer;
import dev.boreal.engine.params.Params;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;

/**
 * One fold of {@code boreal cv}: its training rows, copied from the data set and binned on their own (the
 * mlp standardises them on its own), trained with its held-out rows as the one validation set, so that
 * every iteration's held-out metrics are the ones {@code boreal train --valid} would print for the same
 * rows. The fold's own early stopping is off; {@link CvCurve} stops every fold on the mean.
 *
 * <p>Per algorithm: boosting reports each round as it trains. A forest is grown whole (its trees are
 * independent) and its held-out curve over the tree count is then reported tree by tree. The mlp trains
 * with {@code patience} raised to {@code max_epochs}, so it never stops on its internal hold-out, and
 * reports the held-out metrics of each epoch's weights.
 */
final class CvFold implements FoldLockstep.Fold {
  private final String algorithm;
  private final DataPart all;
  private final Folds folds;
  private final int fold;
  private final Params params;
  private final String[] classes;
  private final List<Metric> metrics;
  private final BufferAllocator allocator;

  private CvFold(String algorithm, DataPart all, Folds folds, int fold, Params params, String[] classes,
      List<Metric> metrics, BufferAllocator allocator) {
    this.algorithm = algorithm;
    this.all = all;
    this.folds = folds;
    this.fold = fold;
    this.params = params;
    this.classes = classes;
    this.metrics = metrics;
    this.allocator = allocator;
  }

  /**
   * Every fold of {@code folds}, ready to train.
   *
   * @param algorithm gbdt, rf or mlp
   * @param p the run's validated parameters ({@code num_class} filled in for multiclass)
   * @param metrics the metrics of the curve, as the learner parses {@code metric}
   */
  static List<FoldLockstep.Fold> all(String algorithm, DataPart all, Folds folds, Params p, String[] classes,
      List<Metric> metrics, BufferAllocator allocator) {
    Params own = ownParams(algorithm, p);
    List<FoldLockstep.Fold> out = new ArrayList<>();
    for (int f = 0; f < folds.k(); f++) {
      out.add(new CvFold(algorithm, all, folds, f, own, classes, metrics, allocator));
    }
    return out;
  }

  /** The parameters a fold trains with: the run's, with the fold's own stopping rules off. */
  private static Params ownParams(String algorithm, Params p) {
    switch (algorithm) {
      case "mlp":
        return p.with("patience", Integer.toString(p.getInt("max_epochs")));
      case "rf":
        // The held-out part measures what out-of-bag scoring would; cross-validation reports no OOB figures.
        return p.with("oob_score", "false");
      default:
        return p.with("early_stopping_round", "0");
    }
  }

  @Override
  public double[] train(FoldLockstep.Reporter report) {
    HeldOut listener = new HeldOut(folds.name(fold), report);
    // The held-out copy stays open while the fold trains: the mlp reads its raw columns every epoch.
    try (DataPart.Copy test = folds.part(all, fold, true, allocator)) {
      TrainedModel model;
      if (algorithm.equals("mlp")) {
        try (DataPart.Copy train = folds.part(all, fold, false, allocator)) {
          model = MlpTrainer.train(train.part().forMlp(), List.of(test.part().forMlp()), params, classes, listener);
        }
      } else {
        TrainingData train;
        try (DataPart.Copy rows = folds.part(all, fold, false, allocator)) {
          train = rows.part().binned(params);
        }
        TrainingData heldOut = test.part().binnedLike(train, Settings.threads(params));
        model = algorithm.equals("rf") ? forest(train, heldOut, listener)
            : GradientBoosting.train(train, List.of(heldOut), params, classes, listener);
      }
      return listener.reported ? null : values(model, test.part());
    }
  }

  /** Grows the whole forest, then reports its held-out metrics after 1, 2, ... trees. */
  private TrainedModel forest(TrainingData train, TrainingData heldOut, HeldOut listener) {
    TrainedModel model = RandomForest.fit(train, List.of(heldOut), params, classes, TrainingListener.NONE).model();
    Map<String, double[]> history = model.evalHistory().get(heldOut.name());
    int trees = history.values().iterator().next().length;
    for (int t = 0; t < trees; t++) {
      List<TrainingListener.Evaluation> evaluations = new ArrayList<>(metrics.size());
      for (Metric m : metrics) {
        evaluations.add(new TrainingListener.Evaluation(heldOut.name(), m.name(), history.get(m.name())[t]));
      }
      listener.onIteration(t + 1, trees, evaluations);
    }
    return model;
  }

  /** The metrics of a fold's model on its held-out rows (for a fold whose first iteration found no split). */
  private double[] values(TrainedModel model, DataPart heldOut) {
    double[] raw = heldOut.rawScores(model);
    double[] out = new double[metrics.size()];
    for (int m = 0; m < out.length; m++) {
      out[m] = metrics.get(m).evaluate(raw, model.numOutputs(), model.link(), heldOut.labels(), heldOut.weights(),
          heldOut.groups());
    }
    return out;
  }

  /** Passes each iteration's metrics on the held-out part, in the curve's metric order, to the reporter. */
  private final class HeldOut implements TrainingListener {
    private final String name;
    private final FoldLockstep.Reporter report;
    private boolean reported;

    HeldOut(String name, FoldLockstep.Reporter report) {
      this.name = name;
      this.report = report;
    }

    @Override
    public void onIteration(int iteration, int total, List<Evaluation> evaluations) {
      double[] values = new double[metrics.size()];
      int found = 0;
      for (Evaluation e : evaluations) {
        if (!e.dataset().equals(name)) {
          continue; // the mlp's internal hold-out
        }
        for (int m = 0; m < values.length; m++) {
          if (metrics.get(m).name().equals(e.metric())) {
            values[m] = e.value();
            found++;
          }
        }
      }
      if (found != values.length) {
        throw new IllegalStateException(name + ": the learner reported " + found + " of the " + values.length
            + " metrics of the cross-validation");
      }
      reported = true;
      report.report(values);
    }
  }
}
