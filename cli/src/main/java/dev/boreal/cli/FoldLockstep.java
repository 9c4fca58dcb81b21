package dev.boreal.cli;

import java.util.List;

/**
 * Trains the folds of a cross-validation in lockstep, as {@code lgb.cv} does: fold 1 does an iteration,
 * then fold 2, ..., then fold K, and once every fold has done iteration i its values go to the curve,
 * which may stop them all; so no fold trains rounds past the early stop.
 *
 * <p>The learners have no "one more iteration" call: each trains in one call that reports every iteration
 * to a listener. So every fold trains on a thread of its own, and the listener is where the fold hands the
 * turn to the next one and waits for its own; a stop makes the listener throw {@link Stopped}, which ends
 * that fold's training call. Exactly one fold computes at a time, on the training threads
 * ({@code num_threads}) its learner starts, so the run uses the cores that {@code train} would, and
 * since each fold's training is deterministic and rounds are added in fold order, the figures do not
 * depend on the threads either.
 *
 * <p>A fold that ends before the others (no tree found a split) carries its last values forward: its model
 * does not change any more.
 */
final class FoldLockstep {
  /** One fold's training. */
  interface Fold {
    /**
     * Trains the fold, calling {@code report} with the metric values on its held-out part after every
     * iteration; {@code report} throws {@link Stopped} when the cross-validation has stopped.
     *
     * @return the metric values of the fold's final model when it reported no iteration, else null
     */
    double[] train(Reporter report);
  }

  /** Where a fold reports an iteration's metric values. */
  interface Reporter {
    void report(double[] values);
  }

  /** Thrown out of {@link Reporter#report} to end a fold's training once the cross-validation is over. */
  static final class Stopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private Stopped() {
      super("cross-validation stopped", null, false, false);
    }
  }

  private static final Stopped STOPPED = new Stopped();

  private final List<Fold> folds;
  private final CvCurve curve;
  private final Runnable onRound;
  private final int k;
  private final int[] reported;
  private final boolean[] ended;
  private final double[][] last;
  /** The fold allowed to compute now; -1 once every fold has ended. */
  private int turn;
  private Throwable failure;

  private FoldLockstep(List<Fold> folds, CvCurve curve, Runnable onRound) {
    this.folds = folds;
    this.curve = curve;
    this.onRound = onRound;
    this.k = folds.size();
    this.reported = new int[k];
    this.ended = new boolean[k];
    this.last = new double[k][];
  }

  /**
   * Trains every fold, adding each completed iteration to {@code curve} and then calling {@code onRound}
   * (on whichever fold's thread completed it, one call at a time), until the curve is finished or every
   * fold has ended.
   *
   * @throws RuntimeException the first failure of any fold, as it was thrown
   */
  static void run(List<Fold> folds, CvCurve curve, Runnable onRound) {
    new FoldLockstep(folds, curve, onRound).run();
  }

  private void run() {
    Thread[] threads = new Thread[k];
    for (int f = 0; f < k; f++) {
      int fold = f;
      threads[f] = new Thread(() -> foldMain(fold), "boreal-cv-fold-" + (f + 1));
      threads[f].setDaemon(true);
      threads[f].start();
    }
    boolean interrupted = false;
    for (Thread t : threads) {
      while (t.isAlive()) {
        try {
          t.join();
        } catch (InterruptedException e) {
          interrupted = true;
          fail(e);
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failure instanceof RuntimeException r) {
      throw r;
    }
    if (failure instanceof Error e) {
      throw e;
    }
    if (failure != null) {
      throw new IllegalStateException("cross-validation was interrupted", failure);
    }
  }

  private void foldMain(int f) {
    try {
      synchronized (this) {
        awaitTurn(f);
      }
      double[] finalValues = folds.get(f).train(values -> report(f, values));
      synchronized (this) {
        ended[f] = true;
        if (last[f] == null) {
          last[f] = finalValues;
        }
        passTurn(f);
      }
    } catch (Stopped s) {
      // The curve is finished or another fold failed: this fold has nothing more to do.
    } catch (Throwable t) {
      fail(t);
    }
  }

  private synchronized void report(int f, double[] values) {
    if (isOver()) {
      throw STOPPED;
    }
    last[f] = values.clone();
    reported[f]++;
    passTurn(f);
    awaitTurn(f);
  }

  /** Waits until fold {@code f} may compute; throws {@link Stopped} when the run is over instead. */
  private void awaitTurn(int f) {
    while (turn != f && !isOver()) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail(e);
      }
    }
    if (isOver()) {
      throw STOPPED;
    }
  }

  /** Adds the iterations every fold has now done to the curve, then gives the turn to the next live fold. */
  private void passTurn(int f) {
    while (!curve.isFinished() && isComplete(curve.iterations() + 1)) {
      curve.add(last);
      onRound.run();
    }
    turn = -1;
    for (int i = 1; i <= k; i++) {
      int g = (f + i) % k;
      if (!ended[g]) {
        turn = g;
        break;
      }
    }
    notifyAll();
  }

  /**
   * Whether iteration {@code round} is done: every fold has reported it or ended (and carries its last
   * values), and at least one reported it, since a round no fold trained is no round of the curve.
   */
  private boolean isComplete(int round) {
    boolean trained = false;
    for (int g = 0; g < k; g++) {
      if (!ended[g] && reported[g] < round) {
        return false;
      }
      trained |= reported[g] >= round;
    }
    return trained;
  }

  private boolean isOver() {
    return failure != null || curve.isFinished();
  }

  private synchronized void fail(Throwable t) {
    if (failure == null) {
      failure = t;
    }
    notifyAll();
  }
}
