package dev.boreal.explain;

import dev.boreal.engine.Rng;

/**
 * One thread's KernelSHAP work for one row at a time: find the varying features, choose coalitions,
 * evaluate them against the background, and solve the constrained weighted least squares. All buffers
 * are sized once for the explainer and reused row after row.
 *
 * <p>The constraint {@code sum phi = f(x) - E[f]} is enforced by substitution, as the shap library does:
 * with {@code d = f(x) - E[f]}, {@code y_c} the coalition's mean minus {@code E[f]} and {@code z_c} its
 * membership vector over the M varying features, the last feature's value is {@code d - sum of the
 * others}, which leaves the unconstrained problem
 * {@code min sum_c w_c (y_c - z_cM d - sum_{p<M} phi_p (z_cp - z_cM))^2}. It is solved by Householder QR
 * on the rows scaled by {@code sqrt(w_c)}; a column that is (numerically) a combination of the others,
 * which only a starved sample produces, gets zero.
 */
final class KernelRegression {
  private final int outputs;
  private final int batchCoalitions;
  private final Coalitions coalitions;
  private final int[] playerFeature;
  private final double[] row;
  private final double[] fx;
  private final double[] hybrid;
  private final double[] predictions;
  private final double[] means;
  private final double[] design;
  private final double[] targets;
  private final double[] solution;
  private final double[] tau;

  /**
   * Buffers for rows of {@code features} values against {@code backgroundRows} background rows, at most
   * {@code samples} coalitions per row, evaluated {@code batchCoalitions} coalitions per call.
   */
  KernelRegression(int features, int outputs, int backgroundRows, int samples, int batchCoalitions) {
    this.outputs = outputs;
    this.batchCoalitions = batchCoalitions;
    this.coalitions = new Coalitions(samples, features);
    this.playerFeature = new int[features];
    this.row = new double[features];
    this.fx = new double[outputs];
    this.hybrid = new double[TreeShap.checkedSize(batchCoalitions * backgroundRows, features)];
    this.predictions = new double[TreeShap.checkedSize(batchCoalitions * backgroundRows, outputs)];
    this.means = new double[samples * outputs];
    int cols = Math.max(1, features - 1);
    this.design = new double[TreeShap.checkedSize(samples, cols)];
    this.targets = new double[samples * outputs];
    this.solution = new double[cols * outputs];
    this.tau = new double[cols];
  }

  /**
   * Explains row r of {@code x} and writes its {@code outputs * (features + 1)} values (bias included)
   * into {@code values} from {@code at}.
   */
  void explain(KernelShap model, double[] x, int r, Rng rng, double[] values, int at) {
    int features = model.features();
    int xAt = r * features;
    int stride = features + 1;
    System.arraycopy(x, xAt, row, 0, features);
    model.predictOne(row, fx);
    for (int k = 0; k < outputs; k++) {
      for (int f = 0; f < features; f++) {
        values[at + k * stride + f] = 0.0;
      }
      values[at + k * stride + features] = model.expected(k);
    }
    int players = 0;
    for (int f = 0; f < features; f++) {
      if (!model.constantAgainstBackground(x, xAt, f)) {
        playerFeature[players++] = f;
      }
    }
    if (players == 0) {
      return;
    }
    int last = playerFeature[players - 1];
    if (players == 1) {
      for (int k = 0; k < outputs; k++) {
        values[at + k * stride + last] = fx[k] - model.expected(k);
      }
      return;
    }
    coalitions.choose(players, rng);
    int n = coalitions.count();
    for (int from = 0; from < n; from += batchCoalitions) {
      int to = Math.min(n, from + batchCoalitions);
      model.coalitionMeans(x, xAt, coalitions, playerFeature, players, from, to, hybrid, predictions,
          means);
    }
    int cols = players - 1;
    for (int c = 0; c < n; c++) {
      double scale = Math.sqrt(coalitions.weight(c));
      double zLast = coalitions.contains(c, players - 1) ? 1 : 0;
      for (int p = 0; p < cols; p++) {
        design[p * n + c] = scale * ((coalitions.contains(c, p) ? 1 : 0) - zLast);
      }
      for (int k = 0; k < outputs; k++) {
        double delta = fx[k] - model.expected(k);
        targets[k * n + c] = scale * (means[c * outputs + k] - model.expected(k) - zLast * delta);
      }
    }
    leastSquares(n, cols);
    for (int k = 0; k < outputs; k++) {
      double rest = fx[k] - model.expected(k);
      for (int p = 0; p < cols; p++) {
        double phi = solution[k * cols + p];
        values[at + k * stride + playerFeature[p]] = phi;
        rest -= phi;
      }
      values[at + k * stride + last] = rest;
    }
  }

  /**
   * Least squares of the column-major {@code n x cols} design against the {@code outputs} target columns
   * by Householder QR, leaving the coefficients in {@code solution[k * cols + p]}. Both arrays are
   * overwritten with their reflected forms.
   */
  private void leastSquares(int n, int cols) {
    double[] a = design;
    double largest = 0;
    for (int i = 0; i < n * cols; i++) {
      largest = Math.max(largest, Math.abs(a[i]));
    }
    double negligible = 1e-12 * Math.max(largest, Double.MIN_NORMAL) * Math.sqrt(n);
    for (int j = 0; j < Math.min(cols, n); j++) {
      double norm = 0;
      for (int i = j; i < n; i++) {
        norm += a[j * n + i] * a[j * n + i];
      }
      norm = Math.sqrt(norm);
      if (norm <= negligible) {
        tau[j] = 0;
        continue;
      }
      double alpha = a[j * n + j] > 0 ? -norm : norm;
      // v = x - alpha e1 stored in place of the column; R's diagonal entry is alpha.
      a[j * n + j] -= alpha;
      double vv = 0;
      for (int i = j; i < n; i++) {
        vv += a[j * n + i] * a[j * n + i];
      }
      for (int c = j + 1; c < cols; c++) {
        reflect(a, j * n, a, c * n, j, n, vv);
      }
      for (int k = 0; k < outputs; k++) {
        reflect(a, j * n, targets, k * n, j, n, vv);
      }
      tau[j] = alpha;
    }
    for (int k = 0; k < outputs; k++) {
      for (int p = cols - 1; p >= 0; p--) {
        if (p >= n || tau[p] == 0) {
          solution[k * cols + p] = 0;
          continue;
        }
        double sum = targets[k * n + p];
        for (int c = p + 1; c < cols; c++) {
          sum -= a[c * n + p] * solution[k * cols + c];
        }
        solution[k * cols + p] = sum / tau[p];
      }
    }
  }

  /** Applies {@code I - 2 v v' / (v'v)}, v being rows j.. of column {@code vAt}, to a column of y. */
  private static void reflect(double[] v, int vAt, double[] y, int yAt, int j, int n, double vv) {
    double dot = 0;
    for (int i = j; i < n; i++) {
      dot += v[vAt + i] * y[yAt + i];
    }
    double factor = 2 * dot / vv;
    for (int i = j; i < n; i++) {
      y[yAt + i] -= factor * v[vAt + i];
    }
  }
}
