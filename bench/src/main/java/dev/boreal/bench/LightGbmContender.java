package dev.boreal.bench;

import com.microsoft.ml.lightgbm.PredictionType;
import dev.boreal.io.ReadOptions;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.arrow.memory.RootAllocator;

/**
 * LightGBM through lightgbm4j, fed the matrix Boreal's reader parsed ({@link DenseData}), so its rows,
 * values and labels are exactly Boreal's; categorical columns come as {@link CategoryCodes}. The native library
 * is loaded by lightgbm4j on first use.
 */
final class LightGbmContender extends PeerContender {
  private final String name;
  private String config;
  private String predictConfig;
  private int rounds;
  private LGBMDataset dataset;
  private LGBMBooster booster;
  private LightGbmPredictor predictor;
  private DenseData test;
  private double[] row;

  /** @param name the library name its measurements carry ({@code lightgbm} or {@code lightgbm-quantized}) */
  LightGbmContender(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  /**
   * Categorical columns reach LightGBM as their codes with {@code categorical_feature} (column indices), in the
   * data set's parameters and the booster's alike.
   */
  @Override
  public void load(Path train, ReadOptions options, Map<String, String> params, CategoryCodes codes)
      throws Exception {
    // The round count drives the loop below; LightGBM's C API would ignore it in the booster's config.
    rounds = Integer.parseInt(params.get("num_iterations"));
    DenseData data;
    try (RootAllocator allocator = new RootAllocator()) {
      data = DenseData.training(train, options, params.get("objective"),
          Integer.parseInt(params.getOrDefault("num_class", "0")), codes, allocator);
    }
    config = params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    if (data.hasCategorical()) {
      config += " categorical_feature=" + Arrays.stream(data.categoricalColumns()).mapToObj(Integer::toString)
          .collect(Collectors.joining(","));
    }
    predictConfig = "num_threads=" + params.get("num_threads") + " verbose=-1";
    features = data.features();
    encoder = data.encoder();
    dataset = LGBMDataset.createFromMat(data.values(), data.rows(), data.columns(), true, config, null);
    dataset.setField("label", data.floatLabels());
    if (data.groupSizes() != null) {
      dataset.setField("group", data.groupSizes());
    }
  }

  @Override
  public void train() throws Exception {
    booster = LGBMBooster.create(dataset, config);
    for (int i = 0; i < rounds; i++) {
      if (booster.updateOneIter()) {
        break; // no leaf can split any more: LightGBM stops, as Boreal does
      }
    }
    outputs = booster.getNumClasses();
  }

  @Override
  public void prepare(DenseData testData) throws Exception {
    test = testData;
    row = new double[testData.columns()];
    if (predictor == null) {
      predictor = new LightGbmPredictor(booster, features.size(), outputs, predictConfig);
    }
    predictor.prepare(testData);
  }

  @Override
  public void predictBatch(double[] out) throws Exception {
    predictor.predict(test.rows(), PredictionType.C_API_PREDICT_RAW_SCORE, out);
  }

  @Override
  public void predictRow(int r, double[] out) throws Exception {
    test.row(r, row);
    predictor.predictRow(row, out);
  }

  @Override
  public boolean contributions(int rows) throws Exception {
    int n = Math.min(rows, test.rows());
    predictor.predict(n, PredictionType.C_API_PREDICT_CONTRIB, new double[n * (test.columns() + 1) * outputs]);
    return true;
  }

  @Override
  public void close() {
    if (predictor != null) {
      predictor.close();
    }
    try {
      if (booster != null) {
        booster.close();
      }
      if (dataset != null) {
        dataset.close();
      }
    } catch (LGBMException e) {
      throw new IllegalStateException("LightGBM could not free its memory: " + e.getMessage(), e);
    }
  }
}
