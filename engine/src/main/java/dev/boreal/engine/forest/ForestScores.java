package dev.boreal.engine.forest;

import dev.boreal.engine.Parallel;
import dev.boreal.engine.model.Tree;
import dev.boreal.engine.tree.BinnedScorer;
import dev.boreal.histogram.BinColumn;
import dev.boreal.histogram.BinnedData;

/**
 * Running sums of a forest's outputs over the rows of one binned data set (a validation set, or the
 * training rows out of bag), added one tree at a time in tree order so each row's sum, and every metric
 * on it, is the same for any thread count. A forest tree with K outputs shares one shape, so each row is
 * routed once per tree and its leaf read from each output's tree.
 */
final class ForestScores {
  private static final int BLOCK = 1 << 13;

  private final BinColumn[] columns;
  private final int[] missingBins;
  private final int rows;
  private final int outputs;
  /** Output-major sums: output k of row r at {@code k * rows + r}. */
  private final double[] sums;

  ForestScores(BinnedData data, int outputs) {
    this.columns = new BinColumn[data.features()];
    this.missingBins = new int[data.features()];
    for (int f = 0; f < columns.length; f++) {
      columns[f] = data.column(f);
      missingBins[f] = data.numBins(f) - 1;
    }
    this.rows = data.rows();
    this.outputs = outputs;
    this.sums = new double[rows * outputs];
  }

  int rows() {
    return rows;
  }

  int outputs() {
    return outputs;
  }

  /** Adds the leaf values of {@code tree} (one tree per output, one shape) for {@code row}. */
  void add(Tree[] tree, int row) {
    int leaf = tree[0].numNodes() == 0 ? 0 : BinnedScorer.leafOf(tree[0], columns, missingBins, row);
    for (int k = 0; k < outputs; k++) {
      sums[k * rows + row] += tree[k].leafValue(leaf);
    }
  }

  /** Adds {@code tree} for every row, in parallel blocks of rows. */
  void addAll(Tree[] tree, Parallel parallel) {
    parallel.forBlocks(rows, BLOCK, (b, from, to) -> {
      for (int r = from; r < to; r++) {
        add(tree, r);
      }
    });
  }

  /** The sum of output {@code k} for {@code row}. */
  double sum(int row, int k) {
    return sums[k * rows + row];
  }

  /** The mean over {@code trees} trees of every row and output, output-major: the forest's raw scores. */
  double[] mean(int trees) {
    double[] out = new double[sums.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = sums[i] / trees;
    }
    return out;
  }
}
