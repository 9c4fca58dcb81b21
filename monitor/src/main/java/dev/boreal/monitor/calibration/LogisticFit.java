package dev.boreal.monitor.calibration;

/**
 * Maximum likelihood of a small logistic regression with soft targets, by Newton's method with a halving
 * line search: minimises {@code sum_i -(t_i log p_i + (1 - t_i) log(1 - p_i))}, {@code p_i = sigmoid(sum_j
 * theta_j x_ij)}. Platt scaling (one feature and an intercept), beta calibration (two and an intercept) and
 * binary temperature scaling (one, no intercept) are all this fit; the intercept, when wanted, is a column
 * of ones. The loss is convex, so Newton converges to the optimum that scipy's BFGS approaches.
 */
final class LogisticFit {
  private static final int MAX_ITERATIONS = 200;

  private LogisticFit() {}

  /**
   * The coefficients minimising the loss.
   *
   * @param columns the d feature columns, each of n values
   * @param targets n targets in [0, 1]
   * @param start d starting coefficients
   */
  static double[] fit(double[][] columns, double[] targets, double[] start) {
    int d = columns.length;
    double[] theta = start.clone();
    double loss = loss(columns, targets, theta);
    for (int it = 0; it < MAX_ITERATIONS; it++) {
      double[] gradient = new double[d];
      double[][] hessian = new double[d][d];
      for (int i = 0; i < targets.length; i++) {
        double p = sigmoid(dot(columns, theta, i));
        double r = p - targets[i];
        double w = p * (1 - p);
        for (int a = 0; a < d; a++) {
          gradient[a] += r * columns[a][i];
          for (int b = 0; b <= a; b++) {
            hessian[a][b] += w * columns[a][i] * columns[b][i];
          }
        }
      }
      double[] step = solve(hessian, gradient);
      double scale = 1;
      double[] next = new double[d];
      double nextLoss;
      do {
        for (int a = 0; a < d; a++) {
          next[a] = theta[a] - scale * step[a];
        }
        nextLoss = loss(columns, targets, next);
        scale /= 2;
      } while (!acceptable(nextLoss, loss) && scale > 1e-12);
      if (!acceptable(nextLoss, loss)) {
        break;
      }
      double moved = 0;
      for (int a = 0; a < d; a++) {
        moved = Math.max(moved, Math.abs(next[a] - theta[a]) / Math.max(1, Math.abs(theta[a])));
      }
      System.arraycopy(next, 0, theta, 0, d);
      loss = nextLoss;
      if (moved < 1e-14) {
        break;
      }
    }
    return theta;
  }

  /**
   * Whether a step may be taken: the loss does not grow beyond rounding, so that Newton's last steps, whose
   * gains are below the loss's resolution, still reach the optimum.
   */
  private static boolean acceptable(double next, double current) {
    return next <= current + 1e-13 * Math.max(1, Math.abs(current));
  }

  /** The loss at {@code theta}, computed from margins so that it stays finite for confident rows. */
  static double loss(double[][] columns, double[] targets, double[] theta) {
    double sum = 0;
    for (int i = 0; i < targets.length; i++) {
      double z = dot(columns, theta, i);
      // -t log sigmoid(z) - (1-t) log sigmoid(-z) = softplus(z) - t z
      sum += softplus(z) - targets[i] * z;
    }
    return sum;
  }

  static double sigmoid(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }

  /** log(1 + exp(z)) without overflow. */
  static double softplus(double z) {
    return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
  }

  private static double dot(double[][] columns, double[] theta, int i) {
    double z = 0;
    for (int a = 0; a < theta.length; a++) {
      z += theta[a] * columns[a][i];
    }
    return z;
  }

  /**
   * Solves H x = g for a symmetric positive semi-definite H given by its lower triangle (Cholesky, with a tiny
   * ridge when H is singular, as for separable data).
   */
  private static double[] solve(double[][] h, double[] g) {
    int d = g.length;
    double ridge = 0;
    for (int attempt = 0; attempt < 30; attempt++) {
      double[][] l = new double[d][d];
      boolean ok = true;
      for (int a = 0; a < d && ok; a++) {
        for (int b = 0; b <= a; b++) {
          double s = h[a][b] + (a == b ? ridge : 0);
          for (int c = 0; c < b; c++) {
            s -= l[a][c] * l[b][c];
          }
          if (a == b) {
            ok = s > 0;
            l[a][a] = ok ? Math.sqrt(s) : 0;
          } else {
            l[a][b] = s / l[b][b];
          }
        }
      }
      if (ok) {
        double[] y = new double[d];
        for (int a = 0; a < d; a++) {
          double s = g[a];
          for (int c = 0; c < a; c++) {
            s -= l[a][c] * y[c];
          }
          y[a] = s / l[a][a];
        }
        double[] x = new double[d];
        for (int a = d - 1; a >= 0; a--) {
          double s = y[a];
          for (int c = a + 1; c < d; c++) {
            s -= l[c][a] * x[c];
          }
          x[a] = s / l[a][a];
        }
        return x;
      }
      ridge = ridge == 0 ? 1e-12 : ridge * 10;
    }
    return g.clone();
  }
}
