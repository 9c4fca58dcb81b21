package dev.boreal.engine.gbdt;

import dev.boreal.InputException;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.Tree;
import dev.boreal.engine.objective.Link;
import dev.boreal.engine.params.Params;
import dev.boreal.histogram.BinMapper;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a boosting run starts when it does not start from scratch ({@code input_model}): the trees of a
 * model, whose scores become the starting scores of the training and validation rows and to which the run
 * appends its own trees, giving one model with the input model's base scores.
 *
 * <p>Two rules say how far the run goes. {@link #from} any model adds {@code num_iterations} more
 * iterations, as LightGBM's {@code init_model} does (the model records the total it reached). {@link #resume}
 * a checkpoint of the same run continues it to {@code num_iterations} in all: the checkpoint must record
 * the run's parameters (but for {@code num_iterations}, which may grow), and the run then reproduces, bit for bit, the model an uninterrupted run
 * would have made, because every random draw is derived from the seeds and the iteration and the metric
 * history and early stopping are replayed from the checkpoint's trees.
 */
public final class Continuation {
  private final Model model;
  private final String source;
  private final boolean resumes;

  private Continuation(Model model, String source, boolean resumes) {
    if (!model.algorithm().equals("gbdt")) {
      throw new InputException(source + ": is a random forest; continued training adds boosted trees to a gbdt "
          + "model only.");
    }
    this.model = Objects.requireNonNull(model);
    this.source = source;
    this.resumes = resumes;
  }

  /**
   * Continues from any gradient-boosted model (Boreal's, or imported from XGBoost or LightGBM) with
   * {@code num_iterations} more iterations.
   *
   * @param source how messages name the model, usually its file
   * @throws InputException if the model is not a boosted one
   */
  public static Continuation from(Model model, String source) {
    return new Continuation(model, source, false);
  }

  /**
   * Resumes a checkpoint that a run with the same parameters wrote, up to {@code num_iterations} in all.
   *
   * @throws InputException if the model is not a boosted one
   */
  public static Continuation resume(Model checkpoint, String source) {
    return new Continuation(checkpoint, source, true);
  }

  /**
   * The run's parameters with the model's objective, and the slope of its sigmoid link, when none was given,
   * so that continuing a LightGBM {@code binary sigmoid:0.5} model needs neither {@code -p objective} nor
   * {@code -p sigmoid}.
   */
  public Params withModelObjective(Params p) {
    Params out = p.isSet("objective") ? p : p.with("objective", model.objective());
    boolean sigmoid = model.link().name().equals("sigmoid");
    return sigmoid && !p.isSet("sigmoid") ? out.with("sigmoid", Double.toString(model.link().param())) : out;
  }

  /** The model the run starts from. */
  public Model model() {
    return model;
  }

  /** How messages name the model. */
  public String source() {
    return source;
  }

  /** Whether this resumes a checkpoint of the same run rather than continuing another model. */
  public boolean resumes() {
    return resumes;
  }

  /** Iterations the model already holds. */
  public int iterations() {
    return model.numIterations();
  }

  /**
   * The bin mappers to bin the training data with so that the model's trees route it as they route raw
   * values: the fitted ones when they already do.
   *
   * @param featureNames the training data's features
   * @param fitted the mappers fitted on the training data
   * @throws InputException if the model's features are not the data's, by name and kind, or a resumed
   *     checkpoint was binned on other data
   */
  public List<BinMapper> mappers(List<String> featureNames, List<BinMapper> fitted) {
    List<BinMapper> mappers = Rebinning.mappers(model, source, featureNames, fitted);
    for (int f = 0; resumes && f < mappers.size(); f++) {
      // Binning is a function of the data and the parameters, so a checkpoint of this run has the fitted bins.
      if (!mappers.get(f).equals(fitted.get(f))) {
        throw new InputException(source + ": is a checkpoint of a run on other data (feature '" + featureNames.get(f)
            + "' was binned otherwise); delete it or give another --checkpoint to start afresh.");
      }
    }
    return mappers;
  }

  /** The model's trees on the training data's features and bins (from {@link #mappers}). */
  List<Tree> trees(List<String> featureNames, List<BinMapper> mappers) {
    return Rebinning.trees(model, source, featureNames, mappers);
  }

  /** The model's base scores, which the run starts from. */
  double[] baseScores() {
    double[] base = new double[model.numOutputs()];
    for (int k = 0; k < base.length; k++) {
      base[k] = model.baseScore(k);
    }
    return base;
  }

  /**
   * Checks that the model learned what the run learns.
   *
   * @throws InputException naming the objective, number of outputs or classes that differ
   */
  void checkFits(String objective, Link link, int outputs, String[] classes) {
    if (!model.objective().equals(objective)) {
      throw new InputException(source + ": the input model's objective is " + model.objective() + " but this run's "
          + "is " + objective + "; give -p objective=" + model.objective() + " to continue it.");
    }
    // A calibration fitted to the old trees does not carry over: the continued model is uncalibrated.
    if (!model.link().uncalibrated().equals(link)) {
      throw new InputException(source + ": the input model's link is " + model.link() + " but this run's is " + link
          + "; give the objective's parameters the model was trained with.");
    }
    if (model.numOutputs() != outputs) {
      throw new InputException(source + ": the input model has " + model.numOutputs() + " outputs but the training "
          + "data gives " + outputs + "; continued training needs the same classes.");
    }
    String[] had = model.classes();
    if (had != null && classes != null && !Arrays.equals(had, classes)) {
      throw new InputException(source + ": the input model's classes are " + Arrays.toString(had) + " but the "
          + "training data's are " + Arrays.toString(classes) + ".");
    }
  }

  /**
   * Checks that a checkpoint records the parameters of the run that resumes it. Only {@code num_iterations} may
   * differ, as long as the checkpoint does not hold more: no tree depends on how many follow it, so raising it
   * extends a finished run to the model an uninterrupted run of the new length makes.
   *
   * @param recorded the run's parameters as its model records them
   * @throws InputException naming the first parameter that differs, or when the checkpoint holds more
   *     iterations than the run asks for
   */
  void checkSameRun(Params recorded) {
    if (!resumes) {
      return;
    }
    int total = recorded.getInt("num_iterations");
    if (model.numIterations() > total) {
      throw new InputException(source + ": the checkpoint holds " + model.numIterations() + " iterations, more "
          + "than num_iterations " + total + "; give num_iterations of at least " + model.numIterations()
          + " to resume it.");
    }
    Map<String, String> now = recorded.toCanonicalMap();
    Map<String, String> then = model.params();
    for (Map.Entry<String, String> e : now.entrySet()) {
      if (e.getKey().equals("num_iterations")) {
        continue;
      }
      String was = then.get(e.getKey());
      if (!e.getValue().equals(was)) {
        throw new InputException(source + ": is a checkpoint of a different run (" + e.getKey() + " was "
            + (was == null ? "not recorded" : was) + ", here " + e.getValue() + "); delete it or give another "
            + "--checkpoint to start afresh.");
      }
    }
  }
}
