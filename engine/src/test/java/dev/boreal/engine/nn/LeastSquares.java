package dev.boreal.engine.nn;

/** Ordinary least squares with an intercept, by the normal equations and Gaussian elimination: a test oracle. */
final class LeastSquares {
  private LeastSquares() {}

  /** {@code [intercept, beta_1, ..., beta_p]} minimising the squared error of {@code y ~ x}; x is feature-major. */
  static double[] fit(double[][] x, double[] y) {
    int p = x.length + 1;
    double[][] a = new double[p][p + 1];
    double[] row = new double[p];
    for (int i = 0; i < y.length; i++) {
      row[0] = 1;
      for (int j = 1; j < p; j++) {
        row[j] = x[j - 1][i];
      }
      for (int j = 0; j < p; j++) {
        for (int k = 0; k < p; k++) {
          a[j][k] += row[j] * row[k];
        }
        a[j][p] += row[j] * y[i];
      }
    }
    for (int c = 0; c < p; c++) {
      int pivot = c;
      for (int r = c + 1; r < p; r++) {
        if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
          pivot = r;
        }
      }
      double[] t = a[c];
      a[c] = a[pivot];
      a[pivot] = t;
      for (int r = 0; r < p; r++) {
        if (r != c) {
          double f = a[r][c] / a[c][c];
          for (int k = c; k <= p; k++) {
            a[r][k] -= f * a[c][k];
          }
        }
      }
    }
    double[] beta = new double[p];
    for (int j = 0; j < p; j++) {
      beta[j] = a[j][p] / a[j][j];
    }
    return beta;
  }
}
