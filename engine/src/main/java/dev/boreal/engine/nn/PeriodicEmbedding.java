package dev.boreal.engine.nn;

import dev.boreal.engine.Rng;

/**
 * Periodic embeddings of numeric features, "PLR" (Gorishniy et al. 2022, "On Embeddings for Numerical
 * Features in Tabular Deep Learning"): each embedded feature's value x goes through {@code k} learned
 * frequencies, {@code v_f = 2π c_f x}, then {@code [cos v, sin v]} (2k values), a linear layer of the
 * feature's own to {@code width} outputs and a ReLU. Frequencies start from N(0, σ²); the linear layer
 * starts uniform in ±1/sqrt(2k), as PyTorch's default.
 *
 * <p>Parameters, from {@code offset}, per embedded feature in order: its k frequencies, its linear weights
 * ({@code 2k * width}, input-major as in {@link Dense}) and its {@code width} biases.
 *
 * <p>The output of feature j for row r is written at {@code out[r * stride + at[j]]}, {@code width} values:
 * the MLP places the embeddings side by side in its input row, the transformer at each feature's token.
 */
final class PeriodicEmbedding {
  private final int[] columns;
  private final int k;
  private final int width;
  private final int offset;

  /**
   * @param columns per embedded feature, the index of its value among the encoded inputs
   * @param frequencies k, frequencies per feature
   * @param width outputs per feature
   * @param offset first parameter
   */
  PeriodicEmbedding(int[] columns, int frequencies, int width, int offset) {
    this.columns = columns.clone();
    this.k = frequencies;
    this.width = width;
    this.offset = offset;
  }

  /** Embedded features. */
  int features() {
    return columns.length;
  }

  /** Outputs per feature. */
  int width() {
    return width;
  }

  /** Frequencies per feature. */
  int frequencies() {
    return k;
  }

  /** Index among the encoded inputs of embedded feature j's value. */
  int column(int j) {
    return columns[j];
  }

  private int stride() {
    return k + 2 * k * width + width;
  }

  /** Number of parameters. */
  int parameters() {
    return columns.length * stride();
  }

  /** Draws frequencies from N(0, sigma²) and the linear layers uniformly (see the class comment). */
  void initialise(double[] p, double sigma, Rng rng) {
    double limit = 1.0 / Math.sqrt(2.0 * k);
    for (int j = 0; j < columns.length; j++) {
      int at = offset + j * stride();
      for (int f = 0; f < k; f++) {
        p[at + f] = sigma * gaussian(rng);
      }
      for (int i = at + k, end = at + stride(); i < end; i++) {
        p[i] = (2 * rng.nextDouble() - 1) * limit;
      }
    }
  }

  /** A standard normal draw (Box–Muller). */
  static double gaussian(Rng rng) {
    double u = 1.0 - rng.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
  }

  /** A worker's buffers for blocks of up to {@code capacity} rows. */
  State newState(int capacity) {
    return new State(capacity);
  }

  /** The per-worker buffers and the forward and backward pass. */
  final class State {
    /** Per feature, {@code [cos v, sin v]} of each row, {@code rows * 2k}. */
    private final double[][] periodic;
    /** Per feature, the ReLU outputs, {@code rows * width}. */
    private final double[][] out;
    private final double[] dy;
    private final double[] dPeriodic;
    private final double[] transposed;
    private final int[] idx;
    private final double[] val;

    private State(int capacity) {
      periodic = new double[columns.length][capacity * 2 * k];
      out = new double[columns.length][capacity * width];
      dy = new double[capacity * width];
      dPeriodic = new double[capacity * 2 * k];
      transposed = new double[2 * k * width];
      idx = new int[Math.max(capacity, 2 * k + width)];
      val = new double[idx.length];
    }

    /**
     * Embeds {@code rows} rows.
     *
     * @param x encoded rows of {@code inWidth} values from {@code xOff} (read)
     * @param dest receives feature j of row r at {@code dest[r * stride + at[j]]} (written)
     */
    void forward(double[] p, double[] x, int xOff, int inWidth, int rows, double[] dest, int stride, int[] at) {
      int twoK = 2 * k;
      for (int j = 0; j < columns.length; j++) {
        int base = offset + j * stride();
        double[] e = periodic[j];
        for (int r = 0; r < rows; r++) {
          double value = 2 * Math.PI * x[xOff + r * inWidth + columns[j]];
          for (int f = 0; f < k; f++) {
            double v = p[base + f] * value;
            e[r * twoK + f] = Math.cos(v);
            e[r * twoK + k + f] = Math.sin(v);
          }
        }
        double[] y = out[j];
        Dense.forward(e, 0, rows, twoK, p, base + k, base + k + twoK * width, width, y, idx, val);
        Activation.RELU.apply(y, 0, rows * width);
        for (int r = 0; r < rows; r++) {
          System.arraycopy(y, r * width, dest, r * stride + at[j], width);
        }
      }
    }

    /**
     * Adds the gradient of the embeddings' parameters, given the gradient {@code dDest} with respect to what
     * {@link #forward} wrote (same placement), to {@code g}.
     */
    void backward(double[] p, double[] x, int xOff, int inWidth, int rows, double[] dDest, int stride, int[] at,
        double[] g) {
      int twoK = 2 * k;
      for (int j = 0; j < columns.length; j++) {
        int base = offset + j * stride();
        for (int r = 0; r < rows; r++) {
          System.arraycopy(dDest, r * stride + at[j], dy, r * width, width);
        }
        Activation.RELU.multiplyDerivative(out[j], dy, 0, rows * width);
        double[] e = periodic[j];
        Dense.accumulateGradient(e, 0, dy, rows, twoK, width, g, base + k, base + k + twoK * width, idx, val);
        Dense.transpose(p, base + k, twoK, width, transposed);
        Dense.backwardInput(dy, rows, width, transposed, twoK, dPeriodic, idx, val);
        for (int r = 0; r < rows; r++) {
          double value = 2 * Math.PI * x[xOff + r * inWidth + columns[j]];
          int er = r * twoK;
          for (int f = 0; f < k; f++) {
            // d cos(v) = -sin(v) dv, d sin(v) = cos(v) dv, and dv / dc_f = 2π x.
            double dv = -e[er + k + f] * dPeriodic[er + f] + e[er + f] * dPeriodic[er + k + f];
            g[base + f] += dv * value;
          }
        }
      }
    }
  }
}
