package dev.boreal.engine.nn;

import dev.boreal.engine.Rng;

/**
 * The MLP's forward and backward pass ({@link Perceptron}) over one block of rows, with every buffer the pass
 * needs allocated once, here, and reused for every block: no allocation per row or per batch.
 *
 * <p>One instance serves one block at a time (one per parallel block in training, one per call in
 * prediction). Buffers, each {@code capacity * width} values, row-major:
 * <ul>
 *   <li>{@code front}: with periodic embeddings, the first layer's input row (embeddings, then the other
 *       encoded inputs); without them the block's rows are read in place;</li>
 *   <li>{@code act[l]}, l = 1 .. layers-1: hidden level l's activations, before dropout;</li>
 *   <li>{@code input[l]}: what layer l reads: the block's rows (or {@code front}) for l = 0, else
 *       {@code act[l]} or, under dropout, {@code act[l]} times {@code mask[l]} (0 for a dropped unit,
 *       1 / keep otherwise);</li>
 *   <li>{@code logits}: the last layer's outputs;</li>
 *   <li>two gradient buffers used in turn while going backward;</li>
 *   <li>each layer's weights transposed, for the backward pass, and the kernels' compaction lists.</li>
 * </ul>
 */
final class Pass implements Architecture.Worker {
  private final Layout layout;
  private final Activation activation;
  private final double dropout;
  private final PeriodicEmbedding.State embedding;
  private final int[] embeddingAt;
  private final int[] passthrough;
  private final int encodedInputs;
  private final double[] front;
  private final double[][] act;
  private final double[][] input;
  private final double[][] mask;
  private final double[] logits;
  private final double[] gradA;
  private final double[] gradB;
  private final double[][] transposed;
  /** The kernels' compaction lists (see {@link Dense#gatherAdd}). */
  private final int[] idx;
  private final double[] val;

  /** @param capacity most rows in a block */
  Pass(Perceptron shape, int capacity) {
    this.layout = shape.layout();
    this.activation = shape.activation();
    this.dropout = shape.dropout();
    this.encodedInputs = shape.inputs();
    this.passthrough = shape.passthrough();
    PeriodicEmbedding e = shape.embedding();
    this.embedding = e == null ? null : e.newState(capacity);
    this.embeddingAt = new int[e == null ? 0 : e.features()];
    for (int j = 0; j < embeddingAt.length; j++) {
      embeddingAt[j] = j * e.width();
    }
    this.front = e == null ? null : new double[capacity * layout.inputs()];
    int levels = layout.layers();
    this.act = new double[levels][];
    this.input = new double[levels][];
    this.mask = new double[levels][];
    this.transposed = new double[levels][];
    for (int l = 1; l < levels; l++) {
      act[l] = new double[capacity * layout.size(l)];
      if (dropout > 0) {
        mask[l] = new double[capacity * layout.size(l)];
        input[l] = new double[capacity * layout.size(l)];
      } else {
        input[l] = act[l];
      }
    }
    for (int l = e == null ? 1 : 0; l < levels; l++) {
      transposed[l] = new double[layout.size(l) * layout.size(l + 1)];
    }
    this.logits = new double[capacity * layout.outputs()];
    this.gradA = new double[capacity * layout.maxWidth()];
    this.gradB = new double[capacity * layout.maxWidth()];
    this.idx = new int[Math.max(capacity, layout.maxWidth())];
    this.val = new double[idx.length];
  }

  @Override
  public double[] logits() {
    return logits;
  }

  @Override
  public void forward(double[] p, double[] x, int xOff, int rows) {
    forward(p, x, xOff, rows, null);
  }

  @Override
  public double gradient(double[] p, double[] x, int xOff, int rows, Loss loss, double[] target, double[] scale,
      int off, double[] g, Rng dropoutRng) {
    forward(p, x, xOff, rows, dropoutRng);
    int layers = layout.layers();
    for (int l = 0; l < layers; l++) {
      if (transposed[l] != null) {
        Dense.transpose(p, layout.weightOffset(l), layout.size(l), layout.size(l + 1), transposed[l]);
      }
    }
    double[] delta = gradA;
    double total = loss.evaluate(logits, rows, layout.outputs(), target, scale, off, delta);
    for (int l = layers - 1; l >= 0; l--) {
      int in = layout.size(l);
      int out = layout.size(l + 1);
      boolean first = l == 0;
      double[] from = !first ? input[l] : front != null ? front : x;
      Dense.accumulateGradient(from, first && front == null ? xOff : 0, delta, rows, in, out, g,
          layout.weightOffset(l), layout.biasOffset(l), idx, val);
      if (transposed[l] == null) {
        continue;
      }
      double[] next = delta == gradA ? gradB : gradA;
      Dense.backwardInput(delta, rows, out, transposed[l], in, next, idx, val);
      if (first) {
        embedding.backward(p, x, xOff, encodedInputs, rows, next, in, embeddingAt, g);
        break;
      }
      int n = rows * in;
      if (dropout > 0 && dropoutRng != null) {
        double[] m = mask[l];
        for (int i = 0; i < n; i++) {
          next[i] *= m[i];
        }
      }
      activation.multiplyDerivative(act[l], next, 0, n);
      delta = next;
    }
    return total;
  }

  private void forward(double[] p, double[] x, int xOff, int rows, Rng dropoutRng) {
    double[] first = x;
    int firstOff = xOff;
    if (front != null) {
      int width = layout.inputs();
      embedding.forward(p, x, xOff, encodedInputs, rows, front, width, embeddingAt);
      int at = width - passthrough.length;
      for (int r = 0; r < rows; r++) {
        int src = xOff + r * encodedInputs;
        int dst = r * width + at;
        for (int i = 0; i < passthrough.length; i++) {
          front[dst + i] = x[src + passthrough[i]];
        }
      }
      first = front;
      firstOff = 0;
    }
    int layers = layout.layers();
    for (int l = 0; l < layers; l++) {
      int in = layout.size(l);
      int out = layout.size(l + 1);
      double[] to = l == layers - 1 ? logits : act[l + 1];
      Dense.forward(l == 0 ? first : input[l], l == 0 ? firstOff : 0, rows, in, p, layout.weightOffset(l),
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
