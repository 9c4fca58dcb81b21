package dev.boreal.engine.nn;

import dev.boreal.engine.Rng;
import java.util.Arrays;

/**
 * The FT-Transformer's feature tokenizer: each feature of an encoded row becomes one token of width d, after
 * a [CLS] token (token 0). Feature j's token (token j + 1) is {@code b_j + sum_i x_i W_i} over the feature's
 * encoded inputs i: for a numeric feature {@code b_j + x_j W_j} (plus {@code m_j} when its missing-value flag
 * is set), for a categorical one {@code b_j} plus the embedding of its category, since its inputs are one-hot
 * (a rare or unseen category has no embedding). With periodic embeddings, a numeric value goes through
 * {@link PeriodicEmbedding} (to width d) instead of its {@code W_j}.
 *
 * <p>Parameters from {@code offset}: the [CLS] token (d), one d-vector per linear input (inputs in order,
 * embedded numeric values left out), one bias per feature (d each).
 */
final class FeatureTokenizer {
  private final int inputs;
  private final int features;
  private final int d;
  private final int offset;
  /** Per linear input: its encoded input, and the token it adds to. */
  private final int[] linear;
  private final int[] tokenOf;
  private final PeriodicEmbedding embedding;
  /** Per embedded feature, where its token starts in a row of tokens. */
  private final int[] embeddingAt;

  /**
   * @param featureOf per encoded input, the feature it belongs to
   * @param embedded per encoded input, whether periodic embeddings take it (a numeric value); null for none
   * @param embedding the periodic embeddings (width d) of the inputs {@code embedded} marks, or null
   */
  FeatureTokenizer(int[] featureOf, int features, int d, int offset, boolean[] embedded,
      PeriodicEmbedding embedding) {
    this.inputs = featureOf.length;
    this.features = features;
    this.d = d;
    this.offset = offset;
    this.embedding = embedding;
    int count = 0;
    for (int i = 0; i < inputs; i++) {
      count += embedded != null && embedded[i] ? 0 : 1;
    }
    this.linear = new int[count];
    this.tokenOf = new int[count];
    for (int i = 0, at = 0; i < inputs; i++) {
      if (embedded == null || !embedded[i]) {
        linear[at] = i;
        tokenOf[at++] = featureOf[i] + 1;
      }
    }
    this.embeddingAt = new int[embedding == null ? 0 : embedding.features()];
    for (int j = 0; j < embeddingAt.length; j++) {
      embeddingAt[j] = (featureOf[embedding.column(j)] + 1) * d;
    }
  }

  /** Tokens per row: the features and [CLS]. */
  int tokens() {
    return features + 1;
  }

  /** Number of parameters (the embeddings' not included). */
  int parameters() {
    return d + linear.length * d + features * d;
  }

  /** Uniform in ±1/sqrt(d), as rtdl initialises its tokenizer and [CLS] token. */
  void initialise(double[] p, Rng rng) {
    double limit = 1.0 / Math.sqrt(d);
    for (int i = offset, end = offset + parameters(); i < end; i++) {
      p[i] = (2 * rng.nextDouble() - 1) * limit;
    }
  }

  /** The first parameter after the tokenizer's. */
  int end() {
    return offset + parameters();
  }

  /**
   * Tokens of {@code rows} encoded rows.
   *
   * @param x encoded rows, {@code rows * inputs} from {@code xOff} (read)
   * @param out tokens, {@code rows * (features + 1) * d} (written)
   */
  void forward(double[] p, double[] x, int xOff, int rows, PeriodicEmbedding.State state, double[] out) {
    int width = tokens() * d;
    Arrays.fill(out, 0, rows * width, 0.0);
    if (embedding != null) {
      state.forward(p, x, xOff, inputs, rows, out, width, embeddingAt);
    }
    int bias = offset + d + linear.length * d;
    for (int r = 0; r < rows; r++) {
      int row = r * width;
      for (int c = 0; c < d; c++) {
        out[row + c] += p[offset + c];
      }
      for (int j = 0; j < features; j++) {
        int to = row + (j + 1) * d;
        int b = bias + j * d;
        for (int c = 0; c < d; c++) {
          out[to + c] += p[b + c];
        }
      }
      int xr = xOff + r * inputs;
      for (int q = 0; q < linear.length; q++) {
        double v = x[xr + linear[q]];
        if (v != 0.0) {
          int to = row + tokenOf[q] * d;
          int w = offset + d + q * d;
          for (int c = 0; c < d; c++) {
            out[to + c] += v * p[w + c];
          }
        }
      }
    }
  }

  /** Adds the gradient of the tokenizer's (and embeddings') parameters, given that of the tokens, to g. */
  void backward(double[] p, double[] x, int xOff, int rows, PeriodicEmbedding.State state, double[] dTokens,
      double[] g) {
    int width = tokens() * d;
    int bias = offset + d + linear.length * d;
    for (int r = 0; r < rows; r++) {
      int row = r * width;
      for (int c = 0; c < d; c++) {
        g[offset + c] += dTokens[row + c];
      }
      for (int j = 0; j < features; j++) {
        int from = row + (j + 1) * d;
        int b = bias + j * d;
        for (int c = 0; c < d; c++) {
          g[b + c] += dTokens[from + c];
        }
      }
      int xr = xOff + r * inputs;
      for (int q = 0; q < linear.length; q++) {
        double v = x[xr + linear[q]];
        if (v != 0.0) {
          int from = row + tokenOf[q] * d;
          int w = offset + d + q * d;
          for (int c = 0; c < d; c++) {
            g[w + c] += v * dTokens[from + c];
          }
        }
      }
    }
    if (embedding != null) {
      state.backward(p, x, xOff, inputs, rows, dTokens, width, embeddingAt, g);
    }
  }
}
