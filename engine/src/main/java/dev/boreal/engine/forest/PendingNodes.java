package dev.boreal.engine.forest;

import dev.boreal.collect.IntList;
import java.util.Arrays;

/**
 * The nodes a {@link TreeGrower} has made but not yet split, in numbered slots that are recycled: each
 * holds the node's range of positions, depth, place under its parent, serial number, statistics and best
 * split. Depth-first growth needs about one slot per level, best-first growth one per pending leaf, so
 * the arrays grow only as far as the deepest (or widest) tree a thread has grown.
 */
final class PendingNodes {
  private final int stride;
  private final int maxBins;
  private final IntList free = new IntList();
  private int used;

  int[] start = new int[16];
  int[] end = new int[16];
  int[] depth = new int[16];
  int[] parent = new int[16];
  boolean[] isLeft = new boolean[16];
  long[] serial = new long[16];
  /** Impurity decrease of the slot's best split: the order of best-first growth. */
  double[] gain = new double[16];
  /** Statistics of slot s at {@code [s * stride, (s + 1) * stride)}: the criterion's channels, then the count. */
  double[] stats;
  NodeSplit[] split = new NodeSplit[16];

  /**
   * @param stride statistics per node
   * @param maxBins bins of the widest feature, for the categorical bitset of a split
   */
  PendingNodes(int stride, int maxBins) {
    this.stride = stride;
    this.maxBins = maxBins;
    this.stats = new double[16 * stride];
    for (int i = 0; i < split.length; i++) {
      split[i] = new NodeSplit(maxBins);
    }
  }

  /** Frees every slot, for the next tree. */
  void clear() {
    free.clear();
    used = 0;
  }

  /** A free slot, growing the arrays when all are taken. */
  int take() {
    if (!free.isEmpty()) {
      return free.popInt();
    }
    if (used == start.length) {
      grow();
    }
    return used++;
  }

  /** Gives a slot back. */
  void free(int slot) {
    free.push(slot);
  }

  private void grow() {
    int size = start.length * 2;
    start = Arrays.copyOf(start, size);
    end = Arrays.copyOf(end, size);
    depth = Arrays.copyOf(depth, size);
    parent = Arrays.copyOf(parent, size);
    isLeft = Arrays.copyOf(isLeft, size);
    serial = Arrays.copyOf(serial, size);
    gain = Arrays.copyOf(gain, size);
    stats = Arrays.copyOf(stats, size * stride);
    int old = split.length;
    split = Arrays.copyOf(split, size);
    for (int i = old; i < size; i++) {
      split[i] = new NodeSplit(maxBins);
    }
  }
}
