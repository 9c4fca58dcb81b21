package dev.boreal.engine.tree;

import dev.boreal.engine.Parallel;
import dev.boreal.engine.model.Tree;
import dev.boreal.histogram.BinColumn;
import dev.boreal.histogram.BinnedData;

/**
 * Adds a tree's output to the scores of rows held as bins: validation sets and rows a bagged tree did
 * not see. Routing is {@link dev.boreal.engine.model.Routing}'s bin rule, which agrees with its raw-value rule that
 * prediction follows.
 */
public final class BinnedScorer {
  private static final int BLOCK = 1 << 14;

  private BinnedScorer() {}

  /**
   * Adds {@code tree}'s leaf value to {@code scores[offset + row]} for every row of {@code data}, or only
   * for {@code rows[0 .. count)} when {@code rows} is not null.
   */
  public static void add(Tree tree, BinnedData data, int[] rows, int count, double[] scores, int offset,
      Parallel parallel) {
    int n = rows == null ? data.rows() : count;
    if (tree.numNodes() == 0) {
      double v = tree.leafValue(0);
      parallel.forBlocks(n, BLOCK, (b, from, to) -> {
        for (int i = from; i < to; i++) {
          scores[offset + (rows == null ? i : rows[i])] += v;
        }
      });
      return;
    }
    BinColumn[] columns = new BinColumn[data.features()];
    int[] missing = new int[data.features()];
    for (int f = 0; f < columns.length; f++) {
      columns[f] = data.column(f);
      missing[f] = data.numBins(f) - 1;
    }
    parallel.forBlocks(n, BLOCK, (b, from, to) -> {
      for (int i = from; i < to; i++) {
        int row = rows == null ? i : rows[i];
        scores[offset + row] += tree.leafValue(leafOf(tree, columns, missing, row));
      }
    });
  }

  /** The leaf a row reaches. */
  public static int leafOf(Tree tree, BinColumn[] columns, int[] missingBins, int row) {
    int node = 0;
    while (node >= 0) {
      int f = tree.feature(node);
      int bin = columns[f].bin(row);
      node = tree.binGoesLeft(node, bin, missingBins[f]) ? tree.left(node) : tree.right(node);
    }
    return ~node;
  }
}
