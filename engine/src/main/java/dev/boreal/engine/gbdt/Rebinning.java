package dev.boreal.engine.gbdt;

import dev.boreal.InputException;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.Tree;
import dev.boreal.engine.model.TreeBuilder;
import dev.boreal.histogram.BinMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts the trees of an input model onto the bins of new training data, so that they keep routing every raw
 * value exactly as they did. A numeric feature is binned by the union of the model's bin bounds and the
 * bounds fitted on the new data, with the model's missing-value convention: each old threshold is a bound
 * of the union, so {@code value <= threshold} holds exactly when the value's bin is at most the threshold's,
 * and the new trees may split wherever the new data's bins allow. A categorical feature keeps the model's
 * categories (a category the model never saw falls in its rare bin), so the old bitsets stay valid.
 * When the data is binned as the model was (a checkpoint of the same run), the mappers are the fitted ones.
 */
final class Rebinning {
  private Rebinning() {}

  /**
   * The mappers to bin the new data with.
   *
   * @param featureNames the new data's features, in column order
   * @param fitted the mappers fitted on the new data
   * @throws InputException naming a feature the model and the data do not share, or hold with another kind
   */
  static List<BinMapper> mappers(Model model, String source, List<String> featureNames, List<BinMapper> fitted) {
    int[] modelIndex = modelIndexOf(model, source, featureNames);
    List<BinMapper> out = new ArrayList<>(fitted.size());
    for (int f = 0; f < fitted.size(); f++) {
      BinMapper old = model.mapper(modelIndex[f]);
      BinMapper now = fitted.get(f);
      if (old.isCategorical() != now.isCategorical()) {
        throw new InputException(source + ": feature '" + featureNames.get(f) + "' is "
            + kind(old) + " in the input model but " + kind(now) + " in the training data.");
      }
      out.add(old.isCategorical() ? BinMapper.ofCategorical(old.categories(), old.hasUnknownBin(), now.isConstant())
          : BinMapper.ofNumeric(union(old.upperBounds(), now.upperBounds()), old.zeroIsMissing(), old.nanIsZero(),
              now.isConstant()));
    }
    return out;
  }

  /**
   * The model's trees with each split on the new data's feature index and on its bin of the same threshold;
   * leaf values and statistics unchanged.
   *
   * @param mappers what {@link #mappers} gave for the same features
   */
  static List<Tree> trees(Model model, String source, List<String> featureNames, List<BinMapper> mappers) {
    int[] modelIndex = modelIndexOf(model, source, featureNames);
    int[] dataIndex = new int[modelIndex.length];
    for (int f = 0; f < modelIndex.length; f++) {
      dataIndex[modelIndex[f]] = f;
    }
    List<Tree> out = new ArrayList<>(model.trees().size());
    for (Tree t : model.trees()) {
      TreeBuilder b = new TreeBuilder(t.numNodes(), t.numLeaves());
      for (int n = 0; n < t.numNodes(); n++) {
        int f = dataIndex[t.feature(n)];
        if (t.isCategorical(n)) {
          b.categorical(n, f, t.leftCategoryBins(n), t.defaultLeft(n));
        } else {
          double[] bounds = mappers.get(f).upperBounds();
          b.numeric(n, f, t.threshold(n), Arrays.binarySearch(bounds, t.threshold(n)), t.defaultLeft(n));
        }
        b.children(n, t.left(n), t.right(n)).nodeStats(n, t.gain(n), t.nodeHessian(n), t.nodeCount(n));
      }
      for (int l = 0; l < t.numLeaves(); l++) {
        b.leaf(l, t.leafValue(l), t.leafHessian(l), t.leafCount(l));
      }
      out.add(b.build(source + " tree " + out.size()));
    }
    return out;
  }

  /** Per feature of the data, its index in the model; the two must hold the same names. */
  private static int[] modelIndexOf(Model model, String source, List<String> featureNames) {
    Map<String, Integer> byName = new HashMap<>();
    for (int f = 0; f < model.numFeatures(); f++) {
      byName.put(model.featureNames().get(f), f);
    }
    int[] index = new int[featureNames.size()];
    for (int f = 0; f < index.length; f++) {
      Integer i = byName.get(featureNames.get(f));
      if (i == null) {
        throw new InputException(source + ": the input model has no feature '" + featureNames.get(f)
            + "', a feature of the training data; continued training needs the model's features ("
            + model.numFeatures() + ").");
      }
      index[f] = i;
    }
    if (featureNames.size() != model.numFeatures()) {
      throw new InputException(source + ": the input model has " + model.numFeatures() + " features but the "
          + "training data has " + featureNames.size() + "; continued training needs the same features.");
    }
    return index;
  }

  private static double[] union(double[] a, double[] b) {
    double[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    Arrays.sort(all);
    int kept = 0;
    for (double v : all) {
      if (kept == 0 || all[kept - 1] != v) {
        all[kept++] = v;
      }
    }
    return Arrays.copyOf(all, kept);
  }

  private static String kind(BinMapper m) {
    return m.isCategorical() ? "categorical" : "numeric";
  }
}
