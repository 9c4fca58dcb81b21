package dev.boreal.bench;

import dev.boreal.engine.Parallel;
import dev.boreal.engine.gbdt.Settings;
import dev.boreal.engine.gbdt.TrainingListener;
import dev.boreal.engine.learn.Learner;
import dev.boreal.engine.learn.Learners;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.Predictor;
import dev.boreal.engine.model.TrainedModel;
import dev.boreal.engine.objective.LabelEncoder;
import dev.boreal.engine.objective.Link;
import dev.boreal.engine.params.Params;
import dev.boreal.explain.TreeShap;
import dev.boreal.io.DataReaders;
import dev.boreal.io.Datasets;
import dev.boreal.io.ReadOptions;
import dev.boreal.io.Table;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;

/**
 * Boreal through its one training pipeline: {@link Datasets#prepare}, then one of its learners
 * ({@link Learners#GBDT} as library {@code boreal}, {@link Learners#RF} as {@code boreal-rf}, the neural nets
 * {@link Learners#MLP} and {@link Learners#FT_TRANSFORMER} under their own names), then scoring, all on one
 * thread team of {@code num_threads}. Boreal reads categorical (text) columns itself, so the category codes the
 * peers get are not used here. Tree ensembles score through their compiled {@link Predictor} and explain with
 * TreeSHAP; a neural net scores through {@link TrainedModel#predictRaw} and offers no SHAP figure here (its
 * KernelSHAP is model-agnostic and not comparable with the peers' TreeSHAP).
 */
final class BorealContender implements Contender {
  /** The library name of Boreal's random forest. */
  static final String FOREST = "boreal-rf";

  private final String name;
  private final Learner<?> learner;
  private final RootAllocator allocator = new RootAllocator();
  private Params params;
  /** The run's one team: binning, training, batch scoring and SHAP values share it. */
  private Parallel team;
  /** The prepared training set; a neural net reads its raw columns, so it stays open until training ends. */
  private Datasets.Prepared training;
  private TrainedModel model;
  private Predictor predictor;
  private DenseData test;
  private double[] row;
  private TreeShap shap;

  /**
   * One of Boreal's learners under a library name.
   *
   * @param name the library name its measurements carry ({@code boreal}, {@code boreal-quantized},
   *     {@link #FOREST}, {@code mlp}, ...)
   * @param learner the learner it trains; the parameters given to {@link #load} say the rest
   *     ({@code numeric_embedding=plr} for {@code mlp-plr}, say)
   */
  BorealContender(String name, Learner<?> learner) {
    this.name = name;
    this.learner = learner;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void load(Path train, ReadOptions options, Map<String, String> p, CategoryCodes codes) {
    params = Params.of(p);
    team = new Parallel(Settings.threads(params));
    training = Datasets.prepare(learner, train, List.of(), options, params, team, allocator);
  }

  /** Only the learning: the predictor is compiled afterwards, outside the training time. */
  @Override
  public void train() {
    try {
      model = learner.fit(training.data(), TrainingListener.NONE, team);
    } finally {
      training.close();
    }
  }

  /** Reading, binning and the training phases, as the run's team recorded them ({@code train --timings}). */
  @Override
  public Map<String, Double> phaseSeconds() {
    return team.times().toMap();
  }

  /** The trained model, for checks beyond the shared steps. */
  TrainedModel model() {
    return model;
  }

  @Override
  public List<String> features() {
    return model.featureNames();
  }

  @Override
  public LabelEncoder encoder() {
    return training.data().labels().encoder();
  }

  @Override
  public int numOutputs() {
    return model.numOutputs();
  }

  /** The model's own link: a forest's raw outputs are already averaged probabilities. */
  @Override
  public Link link(String objective) {
    return model.link();
  }

  /**
   * Reads the test file with Boreal's reader and scores its columns, categories by their text, as
   * {@code boreal predict} does; the rows are scored on the training's number of threads.
   */
  @Override
  public TestScores score(Path testFile, ReadOptions options, CategoryCodes codes) {
    try (Table table = DataReaders.read(testFile, options, allocator)) {
      double[] raw = new double[table.rowCount() * numOutputs()];
      if (model instanceof Model) {
        predictor().predictRaw(table.features(), raw, team);
      } else {
        model.predictRaw(table.features(), raw);
      }
      return new TestScores(raw, Datasets.labels(table, encoder()), table.groupSizes());
    }
  }

  /**
   * Besides the test rows, builds the TreeSHAP explainer once (its row-independent precomputation, as a
   * scoring service would keep it), untimed; {@link PredictionTiming} warms it up as it warms up every library.
   * Batch scoring and SHAP values run on the training's number of threads, as the peers'.
   */
  @Override
  public void prepare(DenseData testData) {
    test = testData;
    row = new double[testData.columns()];
    if (!(model instanceof Model trees)) {
      return;
    }
    shap = TreeShap.of(trees);
  }

  @Override
  public void predictBatch(double[] out) {
    if (model instanceof Model) {
      predictor().predictRaw(test.values(), test.rows(), out, team);
    } else {
      model.predictRaw(test.values(), test.rows(), out);
    }
  }

  @Override
  public void predictRow(int r, double[] out) {
    test.row(r, row);
    if (model instanceof Model) {
      predictor().predictRaw(row, out);
    } else {
      model.predictRaw(row, 1, out);
    }
  }

  /**
   * Exact path-dependent TreeSHAP on the training's two (or --threads) threads, like the peers' pred_contrib;
   * {@code false} for a neural net.
   */
  @Override
  public boolean contributions(int rows) {
    if (shap == null) {
      return false;
    }
    int n = Math.min(rows, test.rows());
    double[] head = Arrays.copyOf(test.values(), n * test.columns());
    shap.explain(head, n, team);
    return true;
  }

  private Predictor predictor() {
    if (predictor == null) {
      predictor = ((Model) model).predictor();
    }
    return predictor;
  }

  @Override
  public void close() {
    if (training != null) {
      training.close();
    }
    if (team != null) {
      team.close();
    }
    allocator.close();
  }
}
