package dev.boreal.cli;

import dev.boreal.UsageException;
import dev.boreal.engine.Rng;
import dev.boreal.histogram.FeatureColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;

/**
 * The train/test splits {@code boreal compare} runs every algorithm on: a training file and a test file,
 * or K seeded folds of one file. A fold's rows are copied into Arrow columns of their own, so every
 * algorithm reads them through the same {@link FeatureColumn}s it reads a file with; the copies live until
 * {@link #close()}.
 *
 * <p>Folds are deterministic for a seed: rows (or, for ranking data, whole query groups) are shuffled with
 * {@link Rng} and dealt to the folds in turn, and each part keeps its rows in file order, so groups stay
 * consecutive.
 */
final class CompareSplits implements AutoCloseable {
  /**
   * Rows of one side of a split.
   *
   * @param name how reports name it ("binary.test", "fold 2 of 5")
   * @param columns the features, in the training file's order
   * @param labels encoded labels
   * @param weights sample weights, or null
   * @param groups query group sizes, or null
   */
  record Part(String name, List<FeatureColumn> columns, double[] labels, double[] weights, int[] groups) {
    int rows() {
      return labels.length;
    }
  }

  /** One training part and the part it is tested on. */
  record Split(Part train, Part test) {}

  private final BufferAllocator allocator;
  private final List<FieldVector> vectors = new ArrayList<>();
  private final List<Split> splits = new ArrayList<>();

  private CompareSplits(BufferAllocator allocator) {
    this.allocator = allocator;
  }

  /** A single split: the whole training data against the whole test data. */
  static CompareSplits holdout(Part train, Part test, BufferAllocator allocator) {
    CompareSplits s = new CompareSplits(allocator);
    s.splits.add(new Split(train, test));
    return s;
  }

  /**
   * K folds of {@code all}: split k tests on fold k and trains on the others.
   *
   * @throws UsageException if K is below 2 or above the number of rows (or groups)
   */
  static CompareSplits folds(Part all, int k, long seed, BufferAllocator allocator) {
    int units = all.groups() == null ? all.rows() : all.groups().length;
    if (k < 2 || k > units) {
      throw new UsageException("--folds must be between 2 and the number of " + (all.groups() == null ? "rows"
          : "query groups") + " (" + units + "); got " + k + ".");
    }
    int[] order = new int[units];
    for (int i = 0; i < units; i++) {
      order[i] = i;
    }
    Rng rng = new Rng(seed, 0x666F6C6473L);
    for (int i = units - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int[] foldOfUnit = new int[units];
    for (int i = 0; i < units; i++) {
      foldOfUnit[order[i]] = i % k;
    }
    int[] groupStart = null;
    if (all.groups() != null) {
      groupStart = new int[units + 1];
      for (int g = 0; g < units; g++) {
        groupStart[g + 1] = groupStart[g] + all.groups()[g];
      }
    }
    CompareSplits s = new CompareSplits(allocator);
    try {
      for (int fold = 0; fold < k; fold++) {
        String name = "fold " + (fold + 1) + " of " + k;
        s.splits.add(new Split(s.subset(all, foldOfUnit, groupStart, fold, false, "not " + name),
            s.subset(all, foldOfUnit, groupStart, fold, true, name)));
      }
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
    return s;
  }

  /** The splits, in order. */
  List<Split> splits() {
    return splits;
  }

  /** The rows of {@code all} whose unit is (or, with {@code inFold} false, is not) in {@code fold}. */
  private Part subset(Part all, int[] foldOfUnit, int[] groupStart, int fold, boolean inFold, String name) {
    int[] rows = new int[all.rows()];
    int n = 0;
    int[] sizes = new int[foldOfUnit.length];
    int groups = 0;
    for (int u = 0; u < foldOfUnit.length; u++) {
      if ((foldOfUnit[u] == fold) != inFold) {
        continue;
      }
      int from = groupStart == null ? u : groupStart[u];
      int to = groupStart == null ? u + 1 : groupStart[u + 1];
      for (int r = from; r < to; r++) {
        rows[n++] = r;
      }
      sizes[groups++] = to - from;
    }
    rows = Arrays.copyOf(rows, n);
    List<FeatureColumn> columns = new ArrayList<>(all.columns().size());
    for (FeatureColumn c : all.columns()) {
      columns.add(copy(c, rows));
    }
    return new Part(name, columns, pick(all.labels(), rows), pick(all.weights(), rows),
        groupStart == null ? null : Arrays.copyOf(sizes, groups));
  }

  /** A new column holding {@code rows} of {@code c}, in that order. */
  private FeatureColumn copy(FeatureColumn c, int[] rows) {
    int n = rows.length;
    int total = c.rowCount();
    if (c.isCategorical()) {
      int[] codes = new int[total];
      c.readCodes(0, total, codes);
      IntVector v = new IntVector(c.name(), allocator);
      vectors.add(v);
      v.allocateNew(n);
      for (int i = 0; i < n; i++) {
        int code = codes[rows[i]];
        if (code == FeatureColumn.MISSING_CODE) {
          v.setNull(i);
        } else {
          v.set(i, code);
        }
      }
      v.setValueCount(n);
      return FeatureColumn.categorical(c.name(), v, c.categories());
    }
    double[] values = new double[total];
    c.readValues(0, total, values);
    Float8Vector v = new Float8Vector(c.name(), allocator);
    vectors.add(v);
    v.allocateNew(n);
    for (int i = 0; i < n; i++) {
      double x = values[rows[i]];
      if (Double.isNaN(x)) {
        v.setNull(i);
      } else {
        v.set(i, x);
      }
    }
    v.setValueCount(n);
    return FeatureColumn.numeric(c.name(), v);
  }

  private static double[] pick(double[] values, int[] rows) {
    if (values == null) {
      return null;
    }
    double[] out = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = values[rows[i]];
    }
    return out;
  }

  @Override
  public void close() {
    for (FieldVector v : vectors) {
      v.close();
    }
    vectors.clear();
  }
}
