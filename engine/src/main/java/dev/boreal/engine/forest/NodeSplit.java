package dev.boreal.engine.forest;

/**
 * The best split found so far for one forest node, filled by {@link NodeSplitter} feature by feature and
 * kept with the node until it is split: a numeric threshold bin with the side of missing values, or a
 * categorical bitset of the bins that go left. {@link #valid()} once a split passed every limit.
 */
final class NodeSplit {
  int feature = -1;
  /** Numeric: bins ≤ thresholdBin go left; -1 for a categorical split. */
  int thresholdBin;
  boolean defaultLeft;
  /** Categorical: bitset of the bins that go left (sized for the widest feature); unused when numeric. */
  final long[] leftBins;
  boolean categorical;
  /** {@code score(left) + score(right)}; the decrease is this minus the parent's score. */
  double score = Double.NEGATIVE_INFINITY;

  /** A split record whose bitset can hold {@code maxBins} bins (the widest feature's). */
  NodeSplit(int maxBins) {
    leftBins = new long[(maxBins + 63) >>> 6];
  }

  boolean valid() {
    return feature >= 0;
  }

  void reset() {
    feature = -1;
    score = Double.NEGATIVE_INFINITY;
  }

  /** Whether a candidate of {@code score} on {@code f} beats this one: higher, ties to the lower feature. */
  boolean beatenBy(double candidate, int f) {
    return candidate > score || (candidate == score && f < feature);
  }
}
