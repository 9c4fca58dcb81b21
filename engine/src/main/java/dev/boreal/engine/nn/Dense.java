package dev.boreal.engine.nn;

import java.util.Arrays;

/**
 * The matrix kernels of a dense layer over a block of rows, on flat row-major arrays.
 *
 * <p>A layer maps {@code in} inputs to {@code out} outputs. Its weights sit in the flat parameter array
 * {@code p} input-major from {@code wOff}: weight (i, j) at {@code p[wOff + i*out + j]}; its biases at
 * {@code p[bOff + j]}.
 *
 * <p>All three products (forward, weight gradient, input gradient) are written as one inner kernel,
 * {@link #gatherAdd}: a destination row plus a weighted sum of source rows, where the list of source rows
 * and weights is first compacted to the non-zero weights. Inputs are often zero (ReLU outputs, one-hot
 * codes, dropped units, ReLU-gated gradients), so compaction skips much of the work. The kernel keeps
 * {@value #TILE} running sums in local variables while it walks the list, so each product costs one load
 * and no store: the JIT does not vectorise short row loops inside loop nests, and a plain
 * {@code a[j] += x * b[j]} loop spends its time on loads and stores of {@code a}.
 *
 * <p>Every sum adds its terms in index order (inputs for the forward pass, rows of the block for the
 * weight gradient, outputs for the input gradient), so a row's result does not depend on the other rows
 * in its block, and the tests' naive reference kernels agree to rounding.
 */
final class Dense {
  /** Destination values summed at once in registers. */
  static final int TILE = 16;

  private Dense() {}

  /**
   * The one inner kernel: {@code dest[off + t] += sum_{q < k} val[q] * m[idx[q] + t]} for
   * {@code t < width}, the terms added in order of q.
   *
   * @param m source rows (read); row q starts at {@code idx[q]}
   * @param idx start of each source row (read)
   * @param val weight of each source row (read)
   * @param dest destination (updated)
   */
  static void gatherAdd(double[] m, int[] idx, double[] val, int k, int width, double[] dest, int off) {
    int t = 0;
    for (; t + TILE <= width; t += TILE) {
      int d = off + t;
      double a0 = dest[d];
      double a1 = dest[d + 1];
      double a2 = dest[d + 2];
      double a3 = dest[d + 3];
      double a4 = dest[d + 4];
      double a5 = dest[d + 5];
      double a6 = dest[d + 6];
      double a7 = dest[d + 7];
      double a8 = dest[d + 8];
      double a9 = dest[d + 9];
      double a10 = dest[d + 10];
      double a11 = dest[d + 11];
      double a12 = dest[d + 12];
      double a13 = dest[d + 13];
      double a14 = dest[d + 14];
      double a15 = dest[d + 15];
      for (int q = 0; q < k; q++) {
        double v = val[q];
        int b = idx[q] + t;
        a0 += v * m[b];
        a1 += v * m[b + 1];
        a2 += v * m[b + 2];
        a3 += v * m[b + 3];
        a4 += v * m[b + 4];
        a5 += v * m[b + 5];
        a6 += v * m[b + 6];
        a7 += v * m[b + 7];
        a8 += v * m[b + 8];
        a9 += v * m[b + 9];
        a10 += v * m[b + 10];
        a11 += v * m[b + 11];
        a12 += v * m[b + 12];
        a13 += v * m[b + 13];
        a14 += v * m[b + 14];
        a15 += v * m[b + 15];
      }
      dest[d] = a0;
      dest[d + 1] = a1;
      dest[d + 2] = a2;
      dest[d + 3] = a3;
      dest[d + 4] = a4;
      dest[d + 5] = a5;
      dest[d + 6] = a6;
      dest[d + 7] = a7;
      dest[d + 8] = a8;
      dest[d + 9] = a9;
      dest[d + 10] = a10;
      dest[d + 11] = a11;
      dest[d + 12] = a12;
      dest[d + 13] = a13;
      dest[d + 14] = a14;
      dest[d + 15] = a15;
    }
    for (; t < width; t++) {
      double a = dest[off + t];
      for (int q = 0; q < k; q++) {
        a += val[q] * m[idx[q] + t];
      }
      dest[off + t] = a;
    }
  }

  /**
   * Forward: {@code z[r*out + j] = b[j] + sum_i x[xOff + r*in + i] * W[i][j]} for rows {@code 0 .. rows}.
   *
   * @param x input, {@code rows * in} values from {@code xOff} (read)
   * @param p parameters (read)
   * @param z output, {@code rows * out} values from 0
   * @param idx scratch, at least {@code in} long
   * @param val scratch, at least {@code in} long
   */
  static void forward(double[] x, int xOff, int rows, int in, double[] p, int wOff, int bOff, int out,
      double[] z, int[] idx, double[] val) {
    if (out == 1) {
      forwardSingle(x, xOff, rows, in, p, wOff, p[bOff], z);
      return;
    }
    for (int r = 0; r < rows; r++) {
      int xr = xOff + r * in;
      int k = 0;
      for (int i = 0; i < in; i++) {
        double v = x[xr + i];
        // Written without a branch: whether an input is zero is a coin toss the predictor would lose.
        idx[k] = wOff + i * out;
        val[k] = v;
        k += v != 0.0 ? 1 : 0;
      }
      System.arraycopy(p, bOff, z, r * out, out);
      gatherAdd(p, idx, val, k, out, z, r * out);
    }
  }

  /**
   * {@link #forward} for a single output (the binary and regression heads): one sum per row over its
   * inputs in order, four rows at a time so that four independent sums hide the latency of each addition.
   * Zero inputs are not skipped here; their products add nothing.
   */
  private static void forwardSingle(double[] x, int xOff, int rows, int in, double[] p, int wOff, double bias,
      double[] z) {
    int r = 0;
    for (; r + 4 <= rows; r += 4) {
      int x0 = xOff + r * in;
      int x1 = x0 + in;
      int x2 = x1 + in;
      int x3 = x2 + in;
      double a0 = bias;
      double a1 = bias;
      double a2 = bias;
      double a3 = bias;
      for (int i = 0; i < in; i++) {
        double w = p[wOff + i];
        a0 += x[x0 + i] * w;
        a1 += x[x1 + i] * w;
        a2 += x[x2 + i] * w;
        a3 += x[x3 + i] * w;
      }
      z[r] = a0;
      z[r + 1] = a1;
      z[r + 2] = a2;
      z[r + 3] = a3;
    }
    for (; r < rows; r++) {
      int xr = xOff + r * in;
      double a = bias;
      for (int i = 0; i < in; i++) {
        a += x[xr + i] * p[wOff + i];
      }
      z[r] = a;
    }
  }

  /**
   * Adds this block's weight and bias gradients: {@code dW[i][j] += sum_r x[r][i] * dz[r][j]} and
   * {@code db[j] += sum_r dz[r][j]}, rows in order.
   *
   * @param x the layer's input, {@code rows * in} values from {@code xOff} (read)
   * @param dz gradient of the loss with respect to the layer's pre-activations, {@code rows * out} (read)
   * @param g gradient accumulator laid out like the parameters (updated)
   * @param idx scratch, at least {@code rows} long
   * @param val scratch, at least {@code rows} long
   */
  static void accumulateGradient(double[] x, int xOff, double[] dz, int rows, int in, int out, double[] g,
      int wOff, int bOff, int[] idx, double[] val) {
    if (out == 1) {
      accumulateGradientSingle(x, xOff, dz, rows, in, g, wOff, bOff);
      return;
    }
    for (int i = 0; i < in; i++) {
      int k = 0;
      for (int r = 0; r < rows; r++) {
        double v = x[xOff + r * in + i];
        idx[k] = r * out;
        val[k] = v;
        k += v != 0.0 ? 1 : 0;
      }
      gatherAdd(dz, idx, val, k, out, g, wOff + i * out);
    }
    for (int r = 0; r < rows; r++) {
      idx[r] = r * out;
      val[r] = 1.0;
    }
    gatherAdd(dz, idx, val, rows, out, g, bOff);
  }

  /**
   * {@link #accumulateGradient} for a single output: row by row, {@code dW[i] += x[r][i] * dz[r]} over a
   * contiguous row, rather than one running sum per weight whose every addition waits for the last.
   * Each weight still sums its rows in order.
   */
  private static void accumulateGradientSingle(double[] x, int xOff, double[] dz, int rows, int in, double[] g,
      int wOff, int bOff) {
    double bias = g[bOff];
    for (int r = 0; r < rows; r++) {
      double d = dz[r];
      bias += d;
      if (d != 0.0) {
        int xr = xOff + r * in;
        for (int i = 0; i < in; i++) {
          g[wOff + i] += x[xr + i] * d;
        }
      }
    }
    g[bOff] = bias;
  }

  /**
   * Backward to the inputs: {@code dx[r*in + i] = sum_j dz[r*out + j] * W[i][j]}, summed over j in order.
   *
   * @param dz gradient with respect to the layer's pre-activations, {@code rows * out} (read)
   * @param wT the transposed weights, {@code out * in}: {@code wT[j*in + i] = W[i][j]} (read)
   * @param dx output, {@code rows * in} values from 0
   * @param idx scratch, at least {@code out} long
   * @param val scratch, at least {@code out} long
   */
  static void backwardInput(double[] dz, int rows, int out, double[] wT, int in, double[] dx, int[] idx,
      double[] val) {
    for (int r = 0; r < rows; r++) {
      int dr = r * out;
      int k = 0;
      for (int j = 0; j < out; j++) {
        double d = dz[dr + j];
        idx[k] = j * in;
        val[k] = d;
        k += d != 0.0 ? 1 : 0;
      }
      Arrays.fill(dx, r * in, r * in + in, 0.0);
      gatherAdd(wT, idx, val, k, in, dx, r * in);
    }
  }

  /** Writes {@code wT[j*in + i] = p[wOff + i*out + j]}: the layer's weights output-major. */
  static void transpose(double[] p, int wOff, int in, int out, double[] wT) {
    for (int i = 0; i < in; i++) {
      int w = wOff + i * out;
      for (int j = 0; j < out; j++) {
        wT[j * in + i] = p[w + j];
      }
    }
  }
}
