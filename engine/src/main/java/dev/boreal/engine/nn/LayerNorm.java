package dev.boreal.engine.nn;

/**
 * Layer normalisation over each row of a block (Ba et al. 2016): {@code y = γ (x - μ) / sqrt(σ² + ε) + β}
 * with the row's mean μ and (biased) variance σ², ε = {@value #EPSILON} as PyTorch's default. The gains γ
 * sit at {@code p[gOff ..]} and the shifts β at {@code p[gOff + d ..]}.
 */
final class LayerNorm {
  /** Added to the variance, as PyTorch's {@code nn.LayerNorm}. */
  static final double EPSILON = 1e-5;

  private LayerNorm() {}

  /**
   * Normalises {@code rows} rows of width d.
   *
   * @param x input, {@code rows * d} (read)
   * @param y output, {@code rows * d} (written)
   * @param mean each row's mean (written)
   * @param rstd each row's 1 / sqrt(σ² + ε) (written)
   */
  static void forward(double[] x, int rows, int d, double[] p, int gOff, double[] y, double[] mean, double[] rstd) {
    for (int r = 0; r < rows; r++) {
      int at = r * d;
      double sum = 0;
      for (int i = 0; i < d; i++) {
        sum += x[at + i];
      }
      double mu = sum / d;
      double squares = 0;
      for (int i = 0; i < d; i++) {
        double c = x[at + i] - mu;
        squares += c * c;
      }
      double inv = 1.0 / Math.sqrt(squares / d + EPSILON);
      mean[r] = mu;
      rstd[r] = inv;
      for (int i = 0; i < d; i++) {
        y[at + i] = (x[at + i] - mu) * inv * p[gOff + i] + p[gOff + d + i];
      }
    }
  }

  /**
   * Backward: adds the gradient with respect to the input to {@code dx}, and that of γ and β to {@code g}.
   * With x̂ the normalised input and {@code e = γ dy}: {@code dx = rstd (e - mean(e) - x̂ mean(e x̂))}.
   *
   * @param x the input of the forward pass (read)
   * @param dy gradient with respect to the output, {@code rows * d} (read)
   * @param dx gradient with respect to the input (updated)
   */
  static void backward(double[] x, int rows, int d, double[] p, int gOff, double[] mean, double[] rstd,
      double[] dy, double[] dx, double[] g) {
    for (int r = 0; r < rows; r++) {
      int at = r * d;
      double mu = mean[r];
      double inv = rstd[r];
      double sumE = 0;
      double sumEx = 0;
      for (int i = 0; i < d; i++) {
        double xhat = (x[at + i] - mu) * inv;
        double e = p[gOff + i] * dy[at + i];
        sumE += e;
        sumEx += e * xhat;
        g[gOff + i] += dy[at + i] * xhat;
        g[gOff + d + i] += dy[at + i];
      }
      double meanE = sumE / d;
      double meanEx = sumEx / d;
      for (int i = 0; i < d; i++) {
        double xhat = (x[at + i] - mu) * inv;
        dx[at + i] += inv * (p[gOff + i] * dy[at + i] - meanE - xhat * meanEx);
      }
    }
  }
}
