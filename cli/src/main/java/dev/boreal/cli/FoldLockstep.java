package dev.boreal.cli;

import java.util.List;

/**
 * Trains the folds of a cross-validation in lockstep, as {@code lgb.cv} does: fold 1 does an iteration,
 * then fold 2, ..., then fold K, and once every fold has done iteration i its values go to the curve,
 * which may stop them all; so no fold trains rounds past the early stop.
 *
 * <p>Each fold is a step-wise training run ({@link dev.boreal.engine.Training}) on the command's one thread
 * team, so the folds simply take turns on the calling thread: exactly one computes at a time, on the
 * cores {@code train} would use, and since each fold's training is deterministic and rounds are added in
 * fold order, the figures do not depend on the threads either.
 *
 * <p>A fold that ends before the others (no tree found a split) carries its last values forward: its model
 * does not change any more.
 */
final class FoldLockstep {
  /** One fold's training, an iteration at a time. */
  interface Fold extends AutoCloseable {
    /**
     * Runs the fold's next iteration.
     *
     * @return the metric values on the fold's held-out part after it, or null once the fold's training is
     *     over (no iteration ran)
     */
    double[] step();

    /** The metric values of the fold's final model; asked for only when it reported no iteration. */
    double[] finalValues();

    /** Frees what the fold holds (its copies of the rows). */
    @Override
    void close();
  }

  private FoldLockstep() {}

  /**
   * Steps every fold in turn, adding each completed round to {@code curve} and then calling {@code onRound},
   * until the curve is finished or every fold has ended; closes every fold at the end.
   *
   * @throws RuntimeException the first failure of any fold, as it was thrown
   */
  static void run(List<? extends Fold> folds, CvCurve curve, Runnable onRound) {
    int k = folds.size();
    boolean[] ended = new boolean[k];
    double[][] last = new double[k][];
    try {
      while (!curve.isFinished()) {
        boolean trained = false;
        for (int f = 0; f < k; f++) {
          if (ended[f]) {
            continue;
          }
          double[] values = folds.get(f).step();
          if (values == null) {
            ended[f] = true;
            if (last[f] == null) {
              last[f] = folds.get(f).finalValues();
            }
          } else {
            last[f] = values.clone();
            trained = true;
          }
        }
        // A round no fold trained is no round of the curve: every fold has ended.
        if (!trained) {
          return;
        }
        curve.add(last);
        onRound.run();
      }
    } finally {
      for (Fold fold : folds) {
        fold.close();
      }
    }
  }
}
