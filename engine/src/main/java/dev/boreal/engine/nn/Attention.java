package dev.boreal.engine.nn;

import dev.boreal.engine.Rng;

/**
 * Multi-head scaled dot-product attention over each row's tokens, with dropout on the attention weights, as
 * the FT-Transformer uses it. The projections are {@link Dense} layers; this class holds the part between
 * them.
 *
 * <p>Shapes, for a block of R rows with T tokens (keys and values) and Tq query tokens per row, width d in H
 * heads of {@code dh = d / H}: queries {@code q} are {@code R * Tq * d}; keys and values {@code kv} are
 * {@code R * T * 2d}, each token's d keys then its d values; head h uses columns {@code h*dh .. (h+1)*dh}.
 * The weights {@code probs} are {@code R * H * Tq * T}: row r, head h, query t, key s at
 * {@code ((r*H + h)*Tq + t)*T + s}; {@code mask} is laid out the same (0, or 1 / keep for a kept weight).
 */
final class Attention {
  private Attention() {}

  /**
   * {@code o_t = sum_s mask_ts softmax_s(q_t · k_s / sqrt(dh)) v_s} per row and head.
   *
   * @param q queries (read)
   * @param kv keys and values (read)
   * @param probs the softmax weights before dropout (written)
   * @param mask dropout multipliers (written when {@code rng} is not null)
   * @param rng draws the dropout; null for none
   * @param o output, {@code R * Tq * d} (written)
   */
  static void forward(double[] q, double[] kv, int rows, int tq, int t, int d, int heads, double[] probs,
      double[] mask, double dropout, Rng rng, double[] o) {
    int dh = d / heads;
    double scale = 1.0 / Math.sqrt(dh);
    double keep = 1.0 / (1.0 - dropout);
    boolean drop = rng != null && dropout > 0;
    java.util.Arrays.fill(o, 0, rows * tq * d, 0.0);
    for (int r = 0; r < rows; r++) {
      for (int h = 0; h < heads; h++) {
        for (int i = 0; i < tq; i++) {
          int qo = (r * tq + i) * d + h * dh;
          int pr = ((r * heads + h) * tq + i) * t;
          double max = Double.NEGATIVE_INFINITY;
          for (int s = 0; s < t; s++) {
            int ko = (r * t + s) * 2 * d + h * dh;
            double dot = 0;
            for (int c = 0; c < dh; c++) {
              dot += q[qo + c] * kv[ko + c];
            }
            probs[pr + s] = dot * scale;
            max = Math.max(max, dot * scale);
          }
          double sum = 0;
          for (int s = 0; s < t; s++) {
            double e = Math.exp(probs[pr + s] - max);
            probs[pr + s] = e;
            sum += e;
          }
          for (int s = 0; s < t; s++) {
            probs[pr + s] /= sum;
            double w = probs[pr + s];
            if (drop) {
              mask[pr + s] = rng.nextDouble() < dropout ? 0.0 : keep;
              w *= mask[pr + s];
            }
            int vo = (r * t + s) * 2 * d + d + h * dh;
            for (int c = 0; c < dh; c++) {
              o[qo + c] += w * kv[vo + c];
            }
          }
        }
      }
    }
  }

  /**
   * Backward of {@link #forward}: the gradients with respect to the queries and to the keys and values.
   *
   * @param dO gradient with respect to {@code o} (read)
   * @param mask the forward pass's dropout multipliers, or null when it drew none
   * @param dQ gradient with respect to {@code q}, {@code R * Tq * d} (written)
   * @param dKV gradient with respect to {@code kv}, {@code R * T * 2d} (written)
   * @param dp scratch of at least T values
   */
  static void backward(double[] q, double[] kv, int rows, int tq, int t, int d, int heads, double[] probs,
      double[] mask, double[] dO, double[] dQ, double[] dKV, double[] dp) {
    int dh = d / heads;
    double scale = 1.0 / Math.sqrt(dh);
    java.util.Arrays.fill(dQ, 0, rows * tq * d, 0.0);
    java.util.Arrays.fill(dKV, 0, rows * t * 2 * d, 0.0);
    for (int r = 0; r < rows; r++) {
      for (int h = 0; h < heads; h++) {
        for (int i = 0; i < tq; i++) {
          int qo = (r * tq + i) * d + h * dh;
          int pr = ((r * heads + h) * tq + i) * t;
          double weighted = 0;
          for (int s = 0; s < t; s++) {
            int vo = (r * t + s) * 2 * d + d + h * dh;
            double m = mask == null ? 1.0 : mask[pr + s];
            double w = probs[pr + s] * m;
            double dot = 0;
            for (int c = 0; c < dh; c++) {
              dot += dO[qo + c] * kv[vo + c];
              dKV[vo + c] += w * dO[qo + c];
            }
            dp[s] = dot * m;
            weighted += probs[pr + s] * dp[s];
          }
          for (int s = 0; s < t; s++) {
            // Softmax backward: dS = P (dP - sum P dP), then through the scaled dot product.
            double ds = probs[pr + s] * (dp[s] - weighted) * scale;
            int ko = (r * t + s) * 2 * d + h * dh;
            for (int c = 0; c < dh; c++) {
              dQ[qo + c] += ds * kv[ko + c];
              dKV[ko + c] += ds * q[qo + c];
            }
          }
        }
      }
    }
  }
}
