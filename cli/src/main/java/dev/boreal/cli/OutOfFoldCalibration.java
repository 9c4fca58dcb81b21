package dev.boreal.cli;

import dev.boreal.UsageException;
import dev.boreal.engine.Parallel;
import dev.boreal.engine.Training;
import dev.boreal.engine.gbdt.TrainingListener;
import dev.boreal.engine.learn.Labels;
import dev.boreal.engine.learn.Learner;
import dev.boreal.engine.learn.Preparation;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.TrainedModel;
import dev.boreal.engine.objective.Link;
import dev.boreal.engine.params.Params;
import dev.boreal.io.DataReaders;
import dev.boreal.io.ReadOptions;
import dev.boreal.io.Table;
import dev.boreal.monitor.calibration.AutoChoice;
import dev.boreal.monitor.calibration.Calibrations;
import dev.boreal.monitor.calibration.Calibrator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * {@code train -p calibration=METHOD}: the training rows are dealt to {@code calibration_folds} stratified
 * folds ({@link Folds}, seeded by {@code seed} as {@code boreal cv}); a model trained on the other folds, with
 * the full model's parameters and iteration count, gives each fold's rows their out-of-fold raw margins; the map
 * is fitted on those margins and attached to the model trained on all rows (scikit-learn's
 * {@code CalibratedClassifierCV(ensemble=False)}). The data file is read a second time for this.
 */
final class OutOfFoldCalibration {
  private OutOfFoldCalibration() {}

  /**
   * Checks before training that the run can be calibrated: the objective classifies through a sigmoid or
   * softmax.
   *
   * @throws UsageException otherwise
   */
  static void check(Params p) {
    String method = p.getString("calibration");
    String objective = p.getString("objective");
    if (!method.equals("none") && !objective.equals("binary") && !objective.equals("multiclass")) {
      throw new UsageException("calibration=" + method + " needs objective binary or multiclass, but the "
          + "objective is " + objective + ".");
    }
  }

  /**
   * The trained model with the calibration {@code p} asks for, fitted on out-of-fold margins; the model
   * itself when {@code calibration=none} or when {@code auto} keeps it uncalibrated.
   *
   * @throws dev.boreal.InputException if the model's outputs are not probabilities (a forest averaging its
   *     leaves)
   */
  static Model apply(Learner<?> learner, Params p, Path data, ReadOptions read, Model trained,
      PrintWriter console) {
    String method = p.getString("calibration");
    if (method.equals("none")) {
      return trained;
    }
    Calibrations.checkModel(trained.link(), trained.classes(), trained.objective(), "the trained model");
    Link base = trained.link().uncalibrated();
    int k = trained.numOutputs();
    int folds = p.getInt("calibration_folds");
    try (BufferAllocator allocator = new RootAllocator(); Parallel team = new Parallel(Math.max(1, read.threads()));
        Table table = DataReaders.read(data, read, allocator, team.team())) {
      DataPart.Labelled labelled = DataPart.Labelled.of(table, data.getFileName().toString(), p);
      DataPart all = labelled.all();
      String[] classes = labelled.classes();
      Folds split = Folds.of(folds, p.getLong("seed"), all.labels(), classes, all.groups(), "calibration_folds");
      Params foldParams = labelled.params().with("early_stopping_round", "0")
          .with("num_iterations", Integer.toString(Math.max(1, trained.bestIteration())));
      Labels labels = labelled.labels().withParams(foldParams);
      double[] margins = new double[all.rows() * k];
      for (int f = 0; f < split.k(); f++) {
        int[] heldOut = split.rows(f, true);
        double[] outputMajor = foldMargins(learner, all, split, f, labels, allocator, team);
        for (int i = 0; i < heldOut.length; i++) {
          for (int c = 0; c < k; c++) {
            margins[heldOut[i] * k + c] = outputMajor[c * heldOut.length + i];
          }
        }
      }
      int[] y = new int[all.rows()];
      for (int r = 0; r < y.length; r++) {
        y[r] = (int) all.labels()[r];
      }
      String autoNote = Calibrations.checkClasses(y, classes, method, data.toString());
      if (autoNote != null) {
        console.println(autoNote);
      }
      Calibrator calibrator;
      if (method.equals("auto")) {
        AutoChoice choice = AutoChoice.choose(base, margins, k, y, classes, folds, p.getLong("seed"));
        console.printf(Locale.ROOT, "Calibration auto on %d-fold out-of-fold margins, cross-validated log loss / "
            + "ECE:", folds);
        for (String name : choice.logLoss().keySet()) {
          console.printf(Locale.ROOT, " %s %.6f / %.6f%s", name, choice.logLoss().get(name), choice.ece().get(name),
              choice.admissible().get(name) ? "" : " (log loss too high)");
        }
        console.printf(Locale.ROOT, "; chose %s.%n", choice.method());
        calibrator = choice.calibrator();
      } else {
        calibrator = Calibrations.fit(method, base, margins, k, y);
        console.printf(Locale.ROOT, "Calibration %s fitted on %d-fold out-of-fold margins: log loss %.6f -> %.6f.%n",
            method, folds, AutoChoice.logLoss(base, margins, k, y),
            AutoChoice.logLoss(base.calibrated(calibrator), margins, k, y));
      }
      return calibrator == null ? trained : trained.withLink(base.calibrated(calibrator));
    }
  }

  /** Trains on every fold but {@code fold} and returns the held-out rows' raw margins, output-major. */
  private static double[] foldMargins(Learner<?> learner, DataPart all, Folds split, int fold, Labels labels,
      BufferAllocator allocator, Parallel team) {
    try (DataPart.Copy test = split.part(all, fold, true, allocator);
        DataPart.Copy rows = split.part(all, fold, false, allocator)) {
      Preparation prep = Preparation.of(learner, rows.part().input(), labels, team);
      Training<?> run = learner.start(prep.data(), TrainingListener.NONE, team);
      while (run.step()) {
        // Each step is one boosting round or tree; the fold trains to the full model's iteration count.
      }
      TrainedModel model = run.finish();
      return test.part().rawScores(model);
    }
  }
}
