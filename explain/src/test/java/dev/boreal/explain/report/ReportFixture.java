package dev.boreal.explain.report;

import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.TrainedModel;
import dev.boreal.engine.nn.Activation;
import dev.boreal.engine.nn.Loss;
import dev.boreal.engine.nn.MlpModel;
import dev.boreal.engine.nn.Network;
import dev.boreal.engine.nn.Preprocessing;
import dev.boreal.engine.model.Tree;
import dev.boreal.engine.model.TreeBuilder;
import dev.boreal.engine.objective.Link;
import dev.boreal.histogram.BinMapper;
import dev.boreal.histogram.FeatureColumn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A hand-built model and report input for report tests, independent of any SHAP algorithm: feature values
 * are random, and each feature's SHAP value is a fixed function of its own value (plus an interaction of
 * the first two features), so plots have real structure. The last feature is categorical and its name
 * holds markup characters, to check escaping.
 */
final class ReportFixture {
  static final String NASTY = "ratio <a&b> \"q\" 'x'";
  static final String[] CATEGORIES = {"ee", "mu&mu", "<tau>"};

  private ReportFixture() {}

  static List<String> names(int numeric) {
    List<String> names = new ArrayList<>();
    for (int f = 0; f < numeric; f++) {
      names.add("x" + f);
    }
    names.add(NASTY);
    return names;
  }

  private static List<BinMapper> mappers(int numeric) {
    List<BinMapper> mappers = new ArrayList<>();
    for (int f = 0; f < numeric; f++) {
      mappers.add(BinMapper.ofNumeric(new double[] {-1, 0, 1, Double.POSITIVE_INFINITY}, false));
    }
    mappers.add(BinMapper.ofCategorical(CATEGORIES, false));
    return mappers;
  }

  /** A model over {@code numeric} numeric features and one categorical one, with {@code outputs} outputs. */
  static Model model(int numeric, int outputs) {
    List<BinMapper> mappers = mappers(numeric);
    List<Tree> trees = new ArrayList<>();
    for (int i = 0; i < 3 * outputs; i++) {
      int f = i % (numeric + 1);
      trees.add(new TreeBuilder(1, 2)
          .binned(0, f, 1, true, f == numeric ? new long[] {0b1L} : null, mappers.get(f))
          .children(0, ~0, ~1).nodeStats(0, 10.0 + 5 * f, 20, 100)
          .leaf(0, -0.1, 10, 50).leaf(1, 0.2, 10, 50)
          .build("tree " + i));
    }
    Map<String, Map<String, double[]>> history = new LinkedHashMap<>();
    Map<String, double[]> valid = new LinkedHashMap<>();
    valid.put("auc", new double[] {0.70, 0.75, 0.74});
    valid.put("binary_logloss", new double[] {0.60, 0.55, 0.56});
    history.put("valid<1>", valid);
    String[] classes = outputs > 1 ? new String[] {"cat", "dog", "a&b"} : new String[] {"0", "1"};
    return new Model("gbdt", outputs > 1 ? "multiclass" : "binary", outputs > 1 ? Link.SOFTMAX : Link.sigmoid(1),
        names(numeric), mappers, classes, new double[outputs], trees, Model.Ensemble.SUM, 2,
        Map.of("learning_rate", "0.1", "num_leaves", "2"), history);
  }

  /**
   * A binary neural net over the same features as {@link #model}: standardised inputs (the categorical one
   * one-hot), one hidden layer of 4 ReLU units with seeded weights, trained for 12 epochs of which the 9th
   * is kept.
   */
  static MlpModel mlp(int numeric) {
    int features = numeric + 1;
    int inputs = numeric + CATEGORIES.length;
    Preprocessing prep = new Preprocessing(names(numeric), mappers(numeric), new double[features],
        filled(features, 1), new boolean[features]);
    SplittableRandom random = new SplittableRandom(7);
    double[] hidden = new double[inputs * 4];
    for (int i = 0; i < hidden.length; i++) {
      hidden[i] = random.nextGaussian() * 0.5;
    }
    Network network = Network.of(new int[] {inputs, 4, 1}, Activation.RELU, Loss.BINARY_CROSS_ENTROPY,
        new double[][] {hidden, {0.8, -0.6, 0.5, -0.4}}, new double[][] {new double[4], {0.1}});
    return new MlpModel("binary", new String[] {"0", "1"}, prep, network, 0, 1, 12, 9,
        Map.of("hidden", "4", "activation", "relu", "learning_rate", "0.001"), Map.of());
  }

  private static double[] filled(int n, double value) {
    double[] a = new double[n];
    java.util.Arrays.fill(a, value);
    return a;
  }

  /** Input with {@code rows} random rows; about 5% of the first feature's values are missing. */
  static ReportInput input(TrainedModel model, int rows, long seed, double[] interactions, int[] waterfallRows) {
    int features = model.featureNames().size();
    int numeric = features - 1;
    int outputs = model.numOutputs();
    SplittableRandom random = new SplittableRandom(seed);
    double[][] x = new double[numeric][rows];
    int[] codes = new int[rows];
    for (int r = 0; r < rows; r++) {
      for (int f = 0; f < numeric; f++) {
        x[f][r] = f == 0 && random.nextInt(20) == 0 ? Double.NaN : random.nextGaussian() * (f + 1);
      }
      codes[r] = random.nextInt(8) == 0 ? FeatureColumn.MISSING_CODE : random.nextInt(CATEGORIES.length);
    }
    List<FeatureValues> values = new ArrayList<>();
    for (int f = 0; f < numeric; f++) {
      values.add(FeatureValues.numeric(model.featureNames().get(f), x[f]));
    }
    values.add(FeatureValues.categorical(NASTY, codes, CATEGORIES));
    double[] shap = new double[rows * outputs * (features + 1)];
    for (int r = 0; r < rows; r++) {
      for (int k = 0; k < outputs; k++) {
        int base = (r * outputs + k) * (features + 1);
        for (int f = 0; f < numeric; f++) {
          double v = Double.isNaN(x[f][r]) ? 0.3 : x[f][r];
          double weight = (k + 1) * (numeric - f) / (double) numeric;
          shap[base + f] = weight * Math.tanh(v) + (f == 0 ? 0.3 * Math.tanh(x[1][r]) * Math.signum(v) : 0);
        }
        shap[base + numeric] = codes[r] < 0 ? 0 : (codes[r] - 1) * 0.4;
        shap[base + features] = -0.5 + 0.1 * k;
      }
    }
    return new ReportInput(model, "data<&>.csv", "synthetic SHAP values", values, shap, interactions,
        waterfallRows);
  }
}
