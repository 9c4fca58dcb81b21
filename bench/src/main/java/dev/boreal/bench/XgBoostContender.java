package dev.boreal.bench;

import dev.boreal.io.ReadOptions;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.apache.arrow.memory.RootAllocator;

/**
 * XGBoost through xgboost4j, fed the matrix Boreal's reader parsed ({@link DenseData}) as floats (XGBoost's
 * input type) with NaN as missing, categorical columns as {@link CategoryCodes}. Prediction uses
 * {@code inplace_predict}, which skips building a DMatrix; the trees themselves mark their categorical splits,
 * so it needs no feature types.
 */
final class XgBoostContender extends PeerContender {
  private static final int[] ALL_ITERATIONS = {0, 0};

  private Map<String, Object> params;
  private int rounds;
  private DMatrix dataset;
  private Booster booster;
  private DenseData test;
  private float[] testValues;
  private float[] row;

  @Override
  public String name() {
    return "xgboost";
  }

  /**
   * Categorical columns reach XGBoost as their codes with feature type {@code "c"}, what Python's
   * {@code enable_categorical=True} sets, so the trees split them natively (one-hot up to
   * {@code max_cat_to_onehot} categories, partitions above).
   */
  @Override
  public void load(Path train, ReadOptions options, Map<String, String> p, CategoryCodes codes) throws Exception {
    params = new HashMap<>(p);
    rounds = Integer.parseInt((String) params.remove("num_round"));
    params.put("verbosity", "0");
    outputs = Integer.parseInt(p.getOrDefault("num_class", "1"));
    DenseData data;
    try (RootAllocator allocator = new RootAllocator()) {
      // Labels are encoded by Boreal's rules for the LightGBM objective of the same family.
      data = DenseData.training(train, options, lightgbmFamily(p.get("objective")), outputs == 1 ? 0 : outputs,
          codes, allocator);
    }
    features = data.features();
    encoder = data.encoder();
    dataset = new DMatrix(data.floatValues(), data.rows(), data.columns(), Float.NaN);
    if (data.hasCategorical()) {
      String[] types = new String[data.columns()];
      Arrays.fill(types, "q");
      for (int c : data.categoricalColumns()) {
        types[c] = "c";
      }
      dataset.setFeatureTypes(types);
    }
    dataset.setLabel(data.floatLabels());
    if (data.groupSizes() != null) {
      dataset.setGroup(data.groupSizes());
    }
  }

  private static String lightgbmFamily(String xgboostObjective) {
    return switch (xgboostObjective) {
      case "binary:logistic" -> "binary";
      case "multi:softprob" -> "multiclass";
      case "rank:ndcg" -> "lambdarank";
      default -> "regression";
    };
  }

  @Override
  public void train() throws Exception {
    booster = XGBoost.train(dataset, params, rounds, Map.of(), null, null);
  }

  @Override
  public void prepare(DenseData testData) {
    test = testData;
    testValues = testData.floatValues();
    row = new float[testData.columns()];
  }

  @Override
  public void predictBatch(double[] out) throws Exception {
    float[][] raw = booster.inplace_predict(testValues, test.rows(), test.columns(), Float.NaN, ALL_ITERATIONS,
        Booster.PredictionType.kMargin, null);
    for (int r = 0; r < raw.length; r++) {
      for (int k = 0; k < outputs; k++) {
        out[r * outputs + k] = raw[r][k];
      }
    }
  }

  @Override
  public void predictRow(int r, double[] out) throws Exception {
    System.arraycopy(testValues, r * row.length, row, 0, row.length);
    float[][] raw = booster.inplace_predict(row, 1, row.length, Float.NaN, ALL_ITERATIONS,
        Booster.PredictionType.kMargin, null);
    for (int k = 0; k < outputs; k++) {
      out[k] = raw[0][k];
    }
  }

  @Override
  public boolean contributions(int rows) throws Exception {
    int n = Math.min(rows, test.rows());
    float[] part = new float[n * test.columns()];
    System.arraycopy(testValues, 0, part, 0, part.length);
    DMatrix m = new DMatrix(part, n, test.columns(), Float.NaN);
    try {
      booster.predictContrib(m, 0);
    } finally {
      m.dispose();
    }
    return true;
  }

  @Override
  public void close() {
    if (booster != null) {
      booster.dispose();
    }
    if (dataset != null) {
      dataset.dispose();
    }
  }
}
