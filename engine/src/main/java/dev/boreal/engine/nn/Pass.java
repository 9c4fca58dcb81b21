package dev.boreal.engine.nn;

import dev.boreal.engine.Rng;

/**
 * The forward and backward pass of a network over one block of rows, with every buffer the pass needs
 * allocated once, here, and reused for every block: no allocation per row or per batch.
 *
 * <p>One instance serves one block at a time (one per parallel block in training, one per call in
 * prediction). Buffers, each {@code capacity * width} values, row-major:
 * <ul>
 *   <li>{@code act[l]}, l = 1 .. layers-1: hidden level l's activations, before dropout;</li>
 *   <li>{@code input[l]}: what layer l reads: the block's rows for l = 0, else {@code act[l]} or, under
 *       dropout, {@code act[l]} times {@code mask[l]} (0 for a dropped unit, 1 / keep otherwise);</li>
 *   <li>{@code logits}: the last layer's outputs;</li>
 *   <li>two gradient buffers used in turn while going backward;</li>
 *   <li>the kernels' compaction lists.</li>
 * </ul>
 */
final class Pass {
  private final Layout layout;
  private final Activation activation;
  private final double dropout;
  private final double[][] act;
  private final double[][] input;
  private final double[][] mask;
  private final double[] logits;
  private final double[] gradA;
  private final double[] gradB;
  /** The kernels' compaction lists (see {@link Dense#gatherAdd}). */
  private final int[] idx;
  private final double[] val;

  /**
   * @param capacity most rows in a block
   * @param dropout fraction of hidden units dropped in training (0 for none)
   */
  Pass(Layout layout, Activation activation, double dropout, int capacity) {
    this.layout = layout;
    this.activation = activation;
    this.dropout = dropout;
    int levels = layout.layers();
    this.act = new double[levels][];
    this.input = new double[levels][];
    this.mask = new double[levels][];
    for (int l = 1; l < levels; l++) {
      act[l] = new double[capacity * layout.size(l)];
      if (dropout > 0) {
        mask[l] = new double[capacity * layout.size(l)];
        input[l] = new double[capacity * layout.size(l)];
      } else {
        input[l] = act[l];
      }
    }
    this.logits = new double[capacity * layout.outputs()];
    this.gradA = new double[capacity * layout.maxWidth()];
    this.gradB = new double[capacity * layout.maxWidth()];
    this.idx = new int[Math.max(capacity, layout.maxWidth())];
    this.val = new double[idx.length];
  }

  /** The logits of the last forward pass, {@code rows * outputs}, row-major. */
  double[] logits() {
    return logits;
  }

  /**
   * Forward pass in inference mode (no dropout).
   *
   * @param p parameters (read)
   * @param x the rows, {@code rows * inputs} values from {@code xOff} (read)
   */
  void forward(double[] p, double[] x, int xOff, int rows) {
    forward(p, x, xOff, rows, null);
  }

  /**
   * Forward pass, then the backward pass: adds this block's gradient of {@code sum_r scale_r * loss_r}
   * with respect to every parameter to {@code g}.
   *
   * @param p parameters (read)
   * @param transposed per layer l ≥ 1, its weights transposed (see {@link Dense#transpose}); entry 0 unused
   * @param x the rows, {@code rows * inputs} values from {@code xOff} (read)
   * @param target per row from {@code off}: what {@link Loss#evaluate} takes (read)
   * @param scale per row from {@code off}: weight / batch weight (read)
   * @param g gradient accumulator laid out as the parameters (updated)
   * @param dropoutRng draws the dropout masks; null when dropout is off
   * @return {@code sum_r scale_r * loss_r} over the block
   */
  double gradient(double[] p, double[][] transposed, double[] x, int xOff, int rows, Loss loss,
      double[] target, double[] scale, int off, double[] g, Rng dropoutRng) {
    forward(p, x, xOff, rows, dropoutRng);
    int layers = layout.layers();
    double[] delta = gradA;
    double total = loss.evaluate(logits, rows, layout.outputs(), target, scale, off, delta);
    for (int l = layers - 1; l >= 0; l--) {
      int in = layout.size(l);
      int out = layout.size(l + 1);
      double[] from = l == 0 ? x : input[l];
      Dense.accumulateGradient(from, l == 0 ? xOff : 0, delta, rows, in, out, g, layout.weightOffset(l),
          layout.biasOffset(l), idx, val);
      if (l > 0) {
        double[] next = delta == gradA ? gradB : gradA;
        Dense.backwardInput(delta, rows, out, transposed[l], in, next, idx, val);
        int n = rows * in;
        if (dropout > 0) {
          double[] m = mask[l];
          for (int i = 0; i < n; i++) {
            next[i] *= m[i];
          }
        }
        activation.multiplyDerivative(act[l], next, 0, n);
        delta = next;
      }
    }
    return total;
  }

  private void forward(double[] p, double[] x, int xOff, int rows, Rng dropoutRng) {
    int layers = layout.layers();
    for (int l = 0; l < layers; l++) {
      int in = layout.size(l);
      int out = layout.size(l + 1);
      double[] to = l == layers - 1 ? logits : act[l + 1];
      Dense.forward(l == 0 ? x : input[l], l == 0 ? xOff : 0, rows, in, p, layout.weightOffset(l),
          layout.biasOffset(l), out, to, idx, val);
      if (l < layers - 1) {
        int n = rows * out;
        activation.apply(to, 0, n);
        if (dropout > 0) {
          drop(l + 1, n, dropoutRng);
        }
      }
    }
  }

  /** Inverted dropout of level {@code level}: training scales kept units by 1 / keep, inference does nothing. */
  private void drop(int level, int n, Rng rng) {
    double[] a = act[level];
    double[] in = input[level];
    if (rng == null) {
      System.arraycopy(a, 0, in, 0, n);
      return;
    }
    double[] m = mask[level];
    double keepScale = 1.0 / (1.0 - dropout);
    for (int i = 0; i < n; i++) {
      m[i] = rng.nextDouble() < dropout ? 0.0 : keepScale;
      in[i] = a[i] * m[i];
    }
  }
}
