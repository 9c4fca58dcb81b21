package dev.boreal.engine.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.engine.Rng;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The FT-Transformer's backward pass against central finite differences of the loss (double precision, step
 * 1e-6, tolerance 1e-6 + 1e-5 |numeric|), for every parameter: the tokenizer (numeric weights, a missing-value
 * flag, category embeddings, [CLS], biases), periodic embeddings, the attention's projections, both
 * LayerNorms (the first block skips its attention LayerNorm), ReGLU feed-forward, and the head; with and
 * without dropout, under every loss. LayerNorm and attention are also checked against their inputs alone.
 */
class TransformerGradientCheckTest {
  private static final int ROWS = 5;
  private static final double H = 1e-6;
  /** Features: numeric (input 0), numeric with a missing-value flag (1, 2), categorical of 3 (3, 4, 5). */
  private static final int[] FEATURE_OF = {0, 1, 1, 2, 2, 2};
  private static final boolean[] NUMERIC = {true, true, false, false, false, false};

  static Stream<Arguments> cases() {
    Stream.Builder<Arguments> b = Stream.builder();
    for (Loss l : Loss.values()) {
      b.add(Arguments.of(l, false, false));
    }
    b.add(Arguments.of(Loss.CROSS_ENTROPY, true, false));
    b.add(Arguments.of(Loss.BINARY_CROSS_ENTROPY, false, true));
    b.add(Arguments.of(Loss.SQUARED_ERROR, true, true));
    return b.build();
  }

  @ParameterizedTest(name = "{0}, dropout {1}, plr {2}")
  @MethodSource("cases")
  void everyParameterMatchesFiniteDifferences(Loss loss, boolean dropout, boolean plr) {
    int outputs = loss == Loss.CROSS_ENTROPY ? 3 : 1;
    FtTransformer net = new FtTransformer(FEATURE_OF, NUMERIC, 3, 2, 4, 2, 5, outputs, dropout ? 0.2 : 0,
        dropout ? 0.3 : 0, plr ? 3 : 0, 0.5);
    SplittableRandom random = new SplittableRandom(loss.ordinal() * 4L + (dropout ? 1 : 0) + (plr ? 2 : 0));
    double[] p = new double[net.parameters()];
    net.initialise(p, 5);
    for (int i = 0; i < p.length; i++) {
      // Perturbed away from the initial values so that LayerNorm gains and zero biases are checked generally.
      p[i] += random.nextDouble(-0.3, 0.3);
    }
    double[] x = new double[ROWS * FEATURE_OF.length];
    double[] target = new double[ROWS];
    double[] scale = new double[ROWS];
    for (int r = 0; r < ROWS; r++) {
      int row = r * FEATURE_OF.length;
      x[row] = random.nextDouble(-2, 2);
      boolean missing = r % 3 == 0;
      x[row + 1] = missing ? 0 : random.nextDouble(-2, 2);
      x[row + 2] = missing ? 1 : 0;
      x[row + 3 + random.nextInt(3)] = 1;
      target[r] = loss == Loss.SQUARED_ERROR ? random.nextDouble(-1, 1)
          : loss == Loss.BINARY_CROSS_ENTROPY ? random.nextInt(2) : random.nextInt(outputs);
      scale[r] = random.nextDouble(0.1, 0.3);
    }
    TransformerPass pass = net.newWorker(ROWS);
    double[] analytic = new double[p.length];
    pass.gradient(p, x, 0, ROWS, loss, target, scale, 0, analytic, dropout ? new Rng(3, 4) : null);
    int checked = 0;
    for (int i = 0; i < p.length; i++) {
      double saved = p[i];
      p[i] = saved + H;
      double up = pass.gradient(p, x, 0, ROWS, loss, target, scale, 0, new double[p.length],
          dropout ? new Rng(3, 4) : null);
      p[i] = saved - H;
      double down = pass.gradient(p, x, 0, ROWS, loss, target, scale, 0, new double[p.length],
          dropout ? new Rng(3, 4) : null);
      p[i] = saved;
      double numeric = (up - down) / (2 * H);
      assertEquals(numeric, analytic[i], 1e-6 + 1e-5 * Math.abs(numeric), "parameter " + i + " of " + p.length);
      checked += analytic[i] != 0 ? 1 : 0;
    }
    assertTrue(checked > p.length * 3 / 4, "most parameters have a gradient: " + checked + " of " + p.length);
  }

  @Test
  void layerNormInputGradientMatchesFiniteDifferences() {
    int rows = 3;
    int d = 5;
    SplittableRandom random = new SplittableRandom(7);
    double[] x = randoms(random, rows * d);
    double[] p = randoms(random, 2 * d);
    double[] w = randoms(random, rows * d);
    double[] dx = new double[rows * d];
    double[] mean = new double[rows];
    double[] rstd = new double[rows];
    LayerNorm.forward(x, rows, d, p, 0, new double[rows * d], mean, rstd);
    LayerNorm.backward(x, rows, d, p, 0, mean, rstd, w, dx, new double[2 * d]);
    for (int i = 0; i < x.length; i++) {
      double saved = x[i];
      x[i] = saved + H;
      double up = weighted(layerNorm(x, rows, d, p), w);
      x[i] = saved - H;
      double down = weighted(layerNorm(x, rows, d, p), w);
      x[i] = saved;
      assertEquals((up - down) / (2 * H), dx[i], 1e-7, "input " + i);
    }
  }

  @Test
  void attentionInputGradientsMatchFiniteDifferences() {
    int rows = 2;
    int tq = 3;
    int t = 3;
    int d = 4;
    int heads = 2;
    SplittableRandom random = new SplittableRandom(9);
    double[] q = randoms(random, rows * tq * d);
    double[] kv = randoms(random, rows * t * 2 * d);
    double[] w = randoms(random, rows * tq * d);
    double[] probs = new double[rows * heads * tq * t];
    double[] o = new double[rows * tq * d];
    Attention.forward(q, kv, rows, tq, t, d, heads, probs, null, 0, null, o);
    double[] dQ = new double[q.length];
    double[] dKV = new double[kv.length];
    Attention.backward(q, kv, rows, tq, t, d, heads, probs, null, w, dQ, dKV, new double[t]);
    for (double[][] pair : new double[][][] {{q, dQ}, {kv, dKV}}) {
      double[] in = pair[0];
      for (int i = 0; i < in.length; i++) {
        double saved = in[i];
        in[i] = saved + H;
        Attention.forward(q, kv, rows, tq, t, d, heads, probs, null, 0, null, o);
        double up = weighted(o, w);
        in[i] = saved - H;
        Attention.forward(q, kv, rows, tq, t, d, heads, probs, null, 0, null, o);
        double down = weighted(o, w);
        in[i] = saved;
        assertEquals((up - down) / (2 * H), pair[1][i], 1e-7, "input " + i);
      }
    }
  }

  private static double[] layerNorm(double[] x, int rows, int d, double[] p) {
    double[] y = new double[rows * d];
    LayerNorm.forward(x, rows, d, p, 0, y, new double[rows], new double[rows]);
    return y;
  }

  private static double weighted(double[] y, double[] w) {
    double s = 0;
    for (int i = 0; i < w.length; i++) {
      s += y[i] * w[i];
    }
    return s;
  }

  private static double[] randoms(SplittableRandom random, int n) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = random.nextDouble(-1.5, 1.5);
    }
    return a;
  }
}
