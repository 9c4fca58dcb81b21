package dev.boreal.bench;

import dev.boreal.engine.Parallel;
import dev.boreal.engine.gbdt.Settings;
import dev.boreal.engine.gbdt.TrainingListener;
import dev.boreal.engine.learn.Learner;
import dev.boreal.engine.learn.Learners;
import dev.boreal.engine.learn.PreparedData;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.Predictor;
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
 * Boreal through its one training pipeline: {@link Datasets#prepare}, then the {@link Learners#GBDT}
 * (library {@code boreal}) or {@link Learners#RF} (library {@code boreal-rf}) learner, then
 * {@link Predictor}, all on one thread team of {@code num_threads}. Boreal reads categorical (text) columns
 * itself, so the category codes the peers get are not used here.
 */
final class BorealContender implements Contender {
  /** The library name of Boreal's random forest. */
  static final String FOREST = "boreal-rf";

  private final String name;
  private final boolean forest;
  private final RootAllocator allocator = new RootAllocator();
  private Params params;
  /** The run's one team: binning, training, batch scoring and SHAP values share it. */
  private Parallel team;
  private PreparedData training;
  private Model model;
  private Predictor predictor;
  private DenseData test;
  private double[] row;
  private TreeShap shap;

  /**
   * Boreal's gradient boosting, or with {@code forest} its random forest.
   *
   * @param name the library name its measurements carry ({@code boreal}, {@code boreal-quantized}, {@link #FOREST})
   */
  BorealContender(String name, boolean forest) {
    this.name = name;
    this.forest = forest;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void load(Path train, ReadOptions options, Map<String, String> p, CategoryCodes codes) {
    params = Params.of(p);
    team = new Parallel(Settings.threads(params));
    try (Datasets.Prepared prepared = Datasets.prepare(learner(), train, List.of(), options, params, team,
        allocator)) {
      training = prepared.data();
    }
  }

  /** Only the learning: the predictor is compiled afterwards, outside the training time. */
  @Override
  public void train() {
    model = learner().fit(training, TrainingListener.NONE, team);
  }

  private Learner<Model> learner() {
    return forest ? Learners.RF : Learners.GBDT;
  }

  /** Reading, binning and the training phases, as the run's team recorded them ({@code train --timings}). */
  @Override
  public Map<String, Double> phaseSeconds() {
    return team.times().toMap();
  }

  /** The trained model, for checks beyond the shared steps. */
  Model model() {
    return model;
  }

  @Override
  public List<String> features() {
    return model.featureNames();
  }

  @Override
  public LabelEncoder encoder() {
    return training.labels().encoder();
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
      predictor().predictRaw(table.features(), raw, team);
      return new TestScores(raw, Datasets.labels(table, encoder()), table.groupSizes());
    }
  }

  /**
   * Besides the test rows, builds the TreeSHAP explainer once (its row-independent precomputation, as a
   * scoring service would keep it) and warms it up on a few rows, as batch prediction is warmed up;
   * neither is timed. Batch scoring and SHAP values run on the training's number of threads, as the peers'.
   */
  @Override
  public void prepare(DenseData testData) {
    test = testData;
    row = new double[testData.columns()];
    shap = TreeShap.of(model);
    int warm = Math.min(64, test.rows());
    shap.explain(Arrays.copyOf(test.values(), warm * test.columns()), warm, team);
  }

  @Override
  public void predictBatch(double[] out) {
    predictor().predictRaw(test.values(), test.rows(), out, team);
  }

  @Override
  public void predictRow(int r, double[] out) {
    test.row(r, row);
    predictor().predictRaw(row, out);
  }

  /** Exact path-dependent TreeSHAP on the training's two (or --threads) threads, like the peers' pred_contrib. */
  @Override
  public boolean contributions(int rows) {
    int n = Math.min(rows, test.rows());
    double[] head = Arrays.copyOf(test.values(), n * test.columns());
    shap.explain(head, n, team);
    return true;
  }

  private Predictor predictor() {
    if (predictor == null) {
      predictor = model.predictor();
    }
    return predictor;
  }

  @Override
  public void close() {
    if (team != null) {
      team.close();
    }
    allocator.close();
  }
}
