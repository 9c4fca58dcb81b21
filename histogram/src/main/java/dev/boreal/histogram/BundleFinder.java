package dev.boreal.histogram;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Chooses exclusive feature bundles greedily, as LightGBM's {@code FastFeatureBundling} does: features in
 * order of most non-default rows first, each joining the first bundle it conflicts with on few enough rows
 * (a conflict is a row where two members are both away from their default bin), else starting a new one.
 *
 * <p>Only numeric and categorical features with at least one non-default row and at most half their rows
 * non-default are candidates (a denser feature cannot share many rows), a bundle holds at most
 * {@link FeatureBundles#MAX_BUNDLE_BINS} codes, and bundles of one feature are dropped. Each feature tries only
 * the last {@link #MAX_SEARCH} bundles, LightGBM's bound, so wide data costs linear time and the
 * row marks of at most that many bundles.
 */
public final class BundleFinder {
  /** Most bundles a feature is tried against. */
  static final int MAX_SEARCH = 100;

  private BundleFinder() {
  }

  /**
   * Bundles the features of {@code data}.
   *
   * @param maxConflictRate most rows, as a share of all rows, on which a bundle's members may conflict
   *     (LightGBM's {@code max_conflict_rate}); 0 bundles only features never non-default together
   * @return the bundles, possibly none
   */
  public static FeatureBundles find(BinnedData data, double maxConflictRate) {
    int rows = data.rows();
    long maxConflicts = (long) Math.floor(maxConflictRate * rows);
    int features = data.features();
    int[] defaults = new int[features];
    int[][] nonDefaultRows = new int[features][];
    List<Integer> candidates = new ArrayList<>();
    for (int f = 0; f < features; f++) {
      if (data.mapper(f).isConstant() || data.numBins(f) > FeatureBundles.MAX_BUNDLE_BINS - 1) {
        continue;
      }
      BinColumn column = data.column(f);
      defaults[f] = mostFrequentBin(column, data.numBins(f));
      nonDefaultRows[f] = nonDefaultRows(column, defaults[f]);
      int n = nonDefaultRows[f].length;
      if (n > 0 && 2L * n <= rows) {
        candidates.add(f);
      }
    }
    candidates.sort((a, b) -> nonDefaultRows[a].length != nonDefaultRows[b].length
        ? Integer.compare(nonDefaultRows[b].length, nonDefaultRows[a].length) : Integer.compare(a, b));

    List<int[]> bundleMembers = new ArrayList<>();
    List<long[]> used = new ArrayList<>();
    List<long[]> conflictsAndBins = new ArrayList<>();
    for (int f : candidates) {
      int extraBins = data.numBins(f) - 1;
      int chosen = -1;
      for (int b = Math.max(0, bundleMembers.size() - MAX_SEARCH); b < bundleMembers.size() && chosen < 0; b++) {
        long[] state = conflictsAndBins.get(b);
        if (state[1] + extraBins > FeatureBundles.MAX_BUNDLE_BINS) {
          continue;
        }
        long allowed = maxConflicts - state[0];
        long conflicts = conflicts(used.get(b), nonDefaultRows[f], allowed);
        if (conflicts <= allowed) {
          chosen = b;
          state[0] += conflicts;
        }
      }
      if (chosen < 0) {
        chosen = bundleMembers.size();
        bundleMembers.add(new int[0]);
        used.add(new long[(rows + 63) >>> 6]);
        if (chosen >= MAX_SEARCH) {
          used.set(chosen - MAX_SEARCH, null);
        }
        conflictsAndBins.add(new long[] {0, 1});
      }
      int[] old = bundleMembers.get(chosen);
      int[] grown = Arrays.copyOf(old, old.length + 1);
      grown[old.length] = f;
      bundleMembers.set(chosen, grown);
      conflictsAndBins.get(chosen)[1] += extraBins;
      long[] mark = used.get(chosen);
      for (int r : nonDefaultRows[f]) {
        mark[r >>> 6] |= 1L << r;
      }
    }
    List<int[]> kept = new ArrayList<>();
    for (int[] members : bundleMembers) {
      if (members.length > 1) {
        kept.add(members);
      }
    }
    int[][] members = kept.toArray(new int[0][]);
    int[][] defaultBins = new int[members.length][];
    for (int b = 0; b < members.length; b++) {
      defaultBins[b] = new int[members[b].length];
      for (int j = 0; j < members[b].length; j++) {
        defaultBins[b][j] = defaults[members[b][j]];
      }
    }
    return new FeatureBundles(data, members, defaultBins);
  }

  /** Rows of {@code rows} already marked, counting no further than one past {@code limit}. */
  private static long conflicts(long[] marked, int[] rows, long limit) {
    long n = 0;
    for (int r : rows) {
      if ((marked[r >>> 6] & 1L << r) != 0 && ++n > limit) {
        return n;
      }
    }
    return n;
  }

  /** The bin holding the most rows; the lowest such bin on a tie. */
  static int mostFrequentBin(BinColumn column, int numBins) {
    int[] counts = new int[numBins];
    for (int r = 0; r < column.rows(); r++) {
      counts[column.bin(r)]++;
    }
    int best = 0;
    for (int b = 1; b < numBins; b++) {
      if (counts[b] > counts[best]) {
        best = b;
      }
    }
    return best;
  }

  private static int[] nonDefaultRows(BinColumn column, int defaultBin) {
    int n = 0;
    for (int r = 0; r < column.rows(); r++) {
      n += column.bin(r) != defaultBin ? 1 : 0;
    }
    int[] out = new int[n];
    for (int r = 0, i = 0; r < column.rows(); r++) {
      if (column.bin(r) != defaultBin) {
        out[i++] = r;
      }
    }
    return out;
  }
}
