package dev.boreal.explain;

import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.Tree;
import dev.boreal.engine.model.TreeBuilder;
import dev.boreal.engine.objective.Link;
import dev.boreal.histogram.BinMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Random small models built by hand for checks against brute force: numeric splits with either default
 * direction for missing values, categorical splits on random bin sets (the "other/missing" bin
 * included), repeated features on a path, random covers that add up through the tree (some leaves of
 * zero cover), boosted, forest and multiclass ensembles.
 *
 * <p>Features alternate: even ones numeric with bin bounds {@link #BOUNDS}, odd ones categorical with
 * categories "0".."3" in bins 0..3 and the other/missing bin 4. Rows hold a numeric feature's value
 * (NaN = missing) and a categorical feature's numeric name (NaN = missing, 7 = an unseen category).
 */
final class RandomModels {
  static final double[] BOUNDS = {-1.0, 0.0, 0.5, 1.0, Double.POSITIVE_INFINITY};
  static final String[] CATEGORIES = {"0", "1", "2", "3"};
  private static final double[] NUMERIC_VALUES = {-1.5, -1.0, -0.5, 0.0, 0.2, 0.5, 0.7, 1.0, 1.3};

  private RandomModels() {}

  static boolean isCategorical(int f) {
    return f % 2 == 1;
  }

  static List<BinMapper> mappers(int features) {
    List<BinMapper> mappers = new ArrayList<>();
    for (int f = 0; f < features; f++) {
      mappers.add(isCategorical(f) ? BinMapper.ofCategorical(CATEGORIES, false)
          : BinMapper.ofNumeric(BOUNDS, false));
    }
    return mappers;
  }

  static List<String> names(int features) {
    List<String> names = new ArrayList<>();
    for (int f = 0; f < features; f++) {
      names.add("x" + f);
    }
    return names;
  }

  /** A model of {@code iterations * outputs} random trees of depth at most {@code maxDepth}. */
  static Model model(SplittableRandom random, int features, int iterations, int outputs, int maxDepth,
      Model.Ensemble ensemble) {
    List<Tree> trees = new ArrayList<>();
    for (int t = 0; t < iterations * outputs; t++) {
      trees.add(tree(random, features, maxDepth));
    }
    double[] base = new double[outputs];
    for (int k = 0; k < outputs; k++) {
      base[k] = random.nextDouble() - 0.5;
    }
    return new Model(ensemble == Model.Ensemble.SUM ? "gbdt" : "rf", "test", Link.IDENTITY,
        names(features), mappers(features), outputs > 1 ? classes(outputs) : null, base, trees, ensemble,
        iterations, Map.of(), Map.of());
  }

  private static String[] classes(int outputs) {
    String[] classes = new String[outputs];
    for (int k = 0; k < outputs; k++) {
      classes[k] = "c" + k;
    }
    return classes;
  }

  /**
   * Rows of random values: a mix of bin edges, values between them and missing values (more often for
   * categorical features). A double[] row cannot hold an unseen category (an unknown code is an error), so
   * unseen categories are tested through columns.
   */
  static double[] rows(SplittableRandom random, int features, int rows) {
    double[] x = new double[rows * features];
    for (int i = 0; i < x.length; i++) {
      int f = i % features;
      double u = random.nextDouble();
      if (u < 0.12) {
        x[i] = Double.NaN;
      } else if (isCategorical(f)) {
        x[i] = u < 0.2 ? Double.NaN : random.nextInt(CATEGORIES.length);
      } else {
        x[i] = NUMERIC_VALUES[random.nextInt(NUMERIC_VALUES.length)];
      }
    }
    return x;
  }

  /** One random tree; each node past the root becomes a leaf with probability 0.25 before maxDepth. */
  static Tree tree(SplittableRandom random, int features, int maxDepth) {
    Builder b = new Builder(random, features);
    b.grow(0, maxDepth);
    return b.build();
  }

  /** Grows a tree depth-first into growing arrays, internal nodes numbered in creation order. */
  private static final class Builder {
    final SplittableRandom random;
    final int features;
    final List<int[]> nodes = new ArrayList<>(); // feature, thresholdBin, defaultLeft, left, right
    final List<long[]> categories = new ArrayList<>();
    final List<Long> nodeCounts = new ArrayList<>();
    final List<Double> leafValues = new ArrayList<>();
    final List<Long> leafCounts = new ArrayList<>();

    Builder(SplittableRandom random, int features) {
      this.random = random;
      this.features = features;
    }

    /** Grows a subtree and returns its child code (internal index, or ~leaf) and, via counts, its cover. */
    int grow(int depth, int maxDepth) {
      if (depth == maxDepth || (depth > 0 && random.nextDouble() < 0.25)) {
        leafValues.add(random.nextGaussian());
        leafCounts.add(random.nextDouble() < 0.1 ? 0L : 1L + random.nextInt(20));
        return ~(leafValues.size() - 1);
      }
      int id = nodes.size();
      int f = random.nextInt(features);
      int[] node = {f, random.nextInt(BOUNDS.length - 1), random.nextBoolean() ? 1 : 0, 0, 0};
      nodes.add(node);
      long[] bits = null;
      if (isCategorical(f)) {
        bits = new long[] {random.nextLong() & 0b11111L};
      }
      categories.add(bits);
      nodeCounts.add(0L);
      node[3] = grow(depth + 1, maxDepth);
      node[4] = grow(depth + 1, maxDepth);
      nodeCounts.set(id, count(node[3]) + count(node[4]));
      return id;
    }

    long count(int child) {
      return child >= 0 ? nodeCounts.get(child) : leafCounts.get(~child);
    }

    Tree build() {
      TreeBuilder b = new TreeBuilder(nodes.size(), leafValues.size());
      for (int i = 0; i < nodes.size(); i++) {
        int[] node = nodes.get(i);
        if (categories.get(i) != null) {
          b.categorical(i, node[0], categories.get(i), node[2] == 1);
        } else {
          b.numeric(i, node[0], BOUNDS[node[1]], node[1], node[2] == 1);
        }
        b.children(i, node[3], node[4]).nodeStats(i, 1.0 + i, nodeCounts.get(i), nodeCounts.get(i));
      }
      for (int i = 0; i < leafValues.size(); i++) {
        b.leaf(i, leafValues.get(i), leafCounts.get(i), leafCounts.get(i));
      }
      return b.build("random tree");
    }
  }
}
