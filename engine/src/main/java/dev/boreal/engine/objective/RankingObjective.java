package dev.boreal.engine.objective;

import dev.boreal.engine.Parallel;

/**
 * Shared frame of the group-wise ranking losses: holds labels, weights and group offsets, and runs the
 * subclass's per-group kernel in parallel over fixed blocks of groups. Each group writes only its own rows,
 * so the result does not depend on the thread count. Ranking starts from zero scores.
 */
abstract class RankingObjective implements Objective {
  /** Groups per parallel block. */
  private static final int GROUP_BLOCK = 16;

  final String name;
  final double[] labels;
  final double[] weights;
  final int[] offsets;
  final int n;
  final int maxGroupSize;

  RankingObjective(String name, double[] labels, double[] weightsOrNull, int[] groupSizes) {
    this.name = name;
    this.labels = labels;
    this.n = labels.length;
    this.weights = PointwiseObjective.checkedWeights(weightsOrNull, n);
    this.offsets = Groups.offsets(groupSizes, n, name);
    int max = 0;
    for (int q = 0; q + 1 < offsets.length; q++) {
      max = Math.max(max, offsets[q + 1] - offsets[q]);
    }
    this.maxGroupSize = max;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final int numOutputs() {
    return 1;
  }

  @Override
  public final void gradients(double[] scores, double[] grad, double[] hess, Parallel parallel) {
    PointwiseObjective.checkLengths(scores, grad, hess, n);
    parallel.forBlocks(offsets.length - 1, GROUP_BLOCK, (b, from, to) -> {
      int[] order = new int[maxGroupSize]; // scratch shared by the groups of this block
      for (int q = from; q < to; q++) {
        int start = offsets[q];
        int end = offsets[q + 1];
        java.util.Arrays.fill(grad, start, end, 0.0);
        java.util.Arrays.fill(hess, start, end, 0.0);
        group(q, start, end - start, scores, grad, hess, order);
        for (int i = start; i < end; i++) {
          grad[i] *= weights[i];
          hess[i] *= weights[i];
        }
      }
    });
  }

  /**
   * Accumulates the unweighted gradients and hessians of group {@code q}, rows {@code [start, start+cnt)},
   * into zeroed {@code grad} and {@code hess}.
   *
   * @param order scratch of at least cnt entries
   */
  abstract void group(int q, int start, int cnt, double[] scores, double[] grad, double[] hess, int[] order);

  @Override
  public final double[] initScores() {
    return new double[1];
  }

  @Override
  public final Link link() {
    return Link.IDENTITY;
  }
}
