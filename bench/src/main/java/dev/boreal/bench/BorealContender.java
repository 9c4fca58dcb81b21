package dev.boreal.bench;

import dev.boreal.engine.Parallel;
import dev.boreal.engine.TrainingData;
import dev.boreal.engine.gbdt.GradientBoosting;
import dev.boreal.engine.gbdt.Settings;
import dev.boreal.engine.gbdt.TrainingListener;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.Predictor;
import dev.boreal.engine.objective.LabelEncoder;
import dev.boreal.engine.params.Params;
import dev.boreal.explain.TreeShap;
import dev.boreal.io.Datasets;
import dev.boreal.io.ReadOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;

/** Boreal's GBDT through its public API: {@link Datasets#training}, {@link GradientBoosting}, {@link Predictor}. */
final class BorealContender implements Contender {
  private final RootAllocator allocator = new RootAllocator();
  private Params params;
  private Datasets.Training training;
  private Model model;
  private Predictor predictor;
  private DenseData test;
  private double[] row;
  private TreeShap shap;
  private Parallel scoring;

  @Override
  public String name() {
    return "boreal";
  }

  @Override
  public void load(Path train, ReadOptions options, Map<String, String> p) {
    params = Params.of(p);
    training = Datasets.training(train, options, params.getString("objective"), params.getInt("num_class"),
        Settings.binning(params), allocator);
  }

  @Override
  public void train() {
    LabelEncoder labels = training.labels();
    TrainingData data = training.data();
    model = GradientBoosting.train(data, List.of(), params, labels.isClassifier() ? labels.classNames() : null,
        TrainingListener.NONE);
    predictor = model.predictor();
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
    return training.labels();
  }

  @Override
  public int numOutputs() {
    return predictor.numOutputs();
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
    scoring = new Parallel(Settings.threads(params));
    shap = TreeShap.of(model);
    int warm = Math.min(64, test.rows());
    shap.explain(java.util.Arrays.copyOf(test.values(), warm * test.columns()), warm, scoring);
  }

  @Override
  public void predictBatch(double[] out) {
    predictor.predictRaw(test.values(), test.rows(), out, scoring);
  }

  @Override
  public void predictRow(int r, double[] out) {
    test.row(r, row);
    predictor.predictRaw(row, out);
  }

  /** Exact path-dependent TreeSHAP on the training's two (or --threads) threads, like the peers' pred_contrib. */
  @Override
  public boolean contributions(int rows) {
    int n = Math.min(rows, test.rows());
    double[] head = java.util.Arrays.copyOf(test.values(), n * test.columns());
    shap.explain(head, n, scoring);
    return true;
  }

  @Override
  public void close() {
    if (scoring != null) {
      scoring.close();
    }
    allocator.close();
  }
}
