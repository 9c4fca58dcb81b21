package dev.boreal.explain;

import dev.boreal.engine.TrainingData;
import dev.boreal.engine.forest.RandomForest;
import dev.boreal.engine.gbdt.GradientBoosting;
import dev.boreal.engine.gbdt.TrainingListener;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.params.Params;
import dev.boreal.histogram.BinnedData;
import dev.boreal.histogram.BinningParams;
import dev.boreal.histogram.FeatureColumn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;

/**
 * Small synthetic data sets as Arrow-backed feature columns (four numeric features, one with missing
 * values, and a categorical one whose categories are named "a".."f"), and models trained on them by
 * {@link GradientBoosting}. The caller owns the allocator; {@link #close} releases the vectors.
 */
final class TrainedModels implements AutoCloseable {
  static final String[] CATEGORIES = {"a", "b", "c", "d", "e", "f"};

  private final BufferAllocator allocator;
  private final List<FieldVector> vectors = new ArrayList<>();

  TrainedModels(BufferAllocator allocator) {
    this.allocator = allocator;
  }

  /** Columns x0..x3 (numeric, x2 with 8% missing) and x4 (categorical, 3% missing), and labels. */
  record Data(List<FeatureColumn> columns, double[] regression, double[] classes) {}

  Data data(int rows, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] x = new double[4][rows];
    int[] category = new int[rows];
    double[] y = new double[rows];
    double[] label = new double[rows];
    for (int i = 0; i < rows; i++) {
      for (int f = 0; f < 4; f++) {
        x[f][i] = random.nextDouble() * 4 - 2;
      }
      if (random.nextDouble() < 0.08) {
        x[2][i] = Double.NaN;
      }
      category[i] = random.nextDouble() < 0.03 ? -1 : random.nextInt(CATEGORIES.length);
      double c = category[i] < 0 ? 0.5 : (category[i] % 3) * 0.7;
      y[i] = Math.sin(2 * x[0][i]) + x[1][i] * x[1][i] * 0.5 + x[0][i] * x[3][i]
          + (Double.isNaN(x[2][i]) ? 1.5 : x[2][i] * 0.3) + c + 0.1 * random.nextGaussian();
      label[i] = y[i] < 0.8 ? 0 : y[i] < 2.0 ? 1 : 2;
    }
    List<FeatureColumn> columns = new ArrayList<>();
    for (int f = 0; f < 4; f++) {
      Float8Vector v = new Float8Vector("x" + f, allocator);
      vectors.add(v);
      v.allocateNew(rows);
      for (int i = 0; i < rows; i++) {
        if (Double.isNaN(x[f][i])) {
          v.setNull(i);
        } else {
          v.set(i, x[f][i]);
        }
      }
      v.setValueCount(rows);
      columns.add(FeatureColumn.numeric(v.getName(), v));
    }
    IntVector codes = new IntVector("x4", allocator);
    vectors.add(codes);
    codes.allocateNew(rows);
    for (int i = 0; i < rows; i++) {
      if (category[i] < 0) {
        codes.setNull(i);
      } else {
        codes.set(i, category[i]);
      }
    }
    codes.setValueCount(rows);
    columns.add(FeatureColumn.categorical("x4", codes, CATEGORIES));
    return new Data(columns, y, label);
  }

  /** Trains a boosted model on the data; {@code pairs} are extra parameters. */
  static Model train(Data data, double[] labels, String... pairs) {
    return train(false, data, labels, pairs);
  }

  /** Trains a random forest on the data; {@code pairs} are extra parameters. */
  static Model trainForest(Data data, double[] labels, String... pairs) {
    return train(true, data, labels, pairs);
  }

  private static Model train(boolean forest, Data data, double[] labels, String... pairs) {
    BinnedData binned = BinnedData.fit(data.columns(), null,
        BinningParams.defaults().withMaxBin(63));
    List<String> names = new ArrayList<>();
    for (FeatureColumn c : data.columns()) {
      names.add(c.name());
    }
    Map<String, String> params = new HashMap<>();
    params.put("num_threads", "1");
    for (int i = 0; i < pairs.length; i += 2) {
      params.put(pairs[i], pairs[i + 1]);
    }
    TrainingData train = new TrainingData("train", binned, names, labels, null, null);
    String[] classes = params.getOrDefault("objective", "").startsWith("multiclass")
        ? new String[] {"low", "mid", "high"} : null;
    return forest ? RandomForest.train(train, List.of(), Params.of(params), classes, TrainingListener.NONE)
        : GradientBoosting.train(train, List.of(), Params.of(params), classes, TrainingListener.NONE);
  }

  @Override
  public void close() {
    vectors.forEach(FieldVector::close);
    vectors.clear();
  }
}
