package dev.boreal.cli;

import dev.boreal.engine.forest.OutOfBag;
import dev.boreal.io.TableWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a random forest's out-of-bag predictions ({@code boreal train --algorithm rf --oob-out FILE}): one
 * row per training row, in file order, shaped like {@code boreal predict}'s output. A single-output forest
 * gets {@code oob_prediction} (the mean, or the probability of the second class); a K-class forest gets
 * {@code oob_p_<class>} per class and {@code oob_prediction}, the most probable class. {@code oob_trees}
 * says how many trees left the row out; a row that every tree sampled has missing predictions.
 */
final class OutOfBagOutput {
  private OutOfBagOutput() {}

  /**
   * Writes the table, then says so on {@code console}.
   *
   * @param classes class labels of a classifier, or {@code null}
   */
  static void write(OutOfBag oob, String[] classes, Path file, PrintWriter console) {
    int n = oob.rows();
    int k = oob.outputs();
    TableWriter.Columns columns = new TableWriter.Columns();
    if (k == 1) {
      double[] values = new double[n];
      for (int r = 0; r < n; r++) {
        values[r] = oob.prediction(r, 0);
      }
      columns.add("oob_prediction", values);
    } else {
      String[] best = new String[n];
      double[] top = new double[n];
      for (int c = 0; c < k; c++) {
        double[] values = new double[n];
        for (int r = 0; r < n; r++) {
          values[r] = oob.prediction(r, c);
          // The first class wins ties, as an argmax does; rows with no OOB tree stay missing.
          if (!Double.isNaN(values[r]) && (c == 0 || values[r] > top[r])) {
            top[r] = values[r];
            best[r] = classes != null ? classes[c] : Integer.toString(c);
          }
        }
        columns.add("oob_p_" + (classes != null ? classes[c] : Integer.toString(c)), values);
      }
      columns.add("oob_prediction", best);
    }
    int[] trees = new int[n];
    for (int r = 0; r < n; r++) {
      trees[r] = oob.treesLeftOut(r);
    }
    columns.add("oob_trees", trees);
    TableWriter.write(file, columns);
    console.printf(Locale.ROOT, "Wrote out-of-bag predictions of %,d rows (%,d left out by some tree) to %s%n", n,
        oob.rowsScored(), file);
  }
}
