package dev.boreal.engine.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.engine.Rng;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;

/**
 * The MLP's backward pass agrees with central finite differences of the loss, for every parameter of every
 * layer, under every hidden activation and every output loss, with and without dropout, and with periodic
 * embeddings (PLR) in front.
 */
class GradientCheckTest {
  private static final int ROWS = 7;

  static Stream<Arguments> cases() {
    Stream.Builder<Arguments> b = Stream.builder();
    for (Activation a : Activation.values()) {
      for (Loss l : Loss.values()) {
        b.add(Arguments.of(a, l, 0.0));
      }
      b.add(Arguments.of(a, Loss.CROSS_ENTROPY, 0.3));
    }
    b.add(Arguments.of(Activation.RELU, Loss.BINARY_CROSS_ENTROPY, -1.0));
    b.add(Arguments.of(Activation.TANH, Loss.SQUARED_ERROR, -1.0));
    return b.build();
  }

  /** Dropout -1 stands for no dropout and PLR embeddings (3 frequencies, width 2) of inputs 0 and 2. */
  @ParameterizedTest(name = "{0} hidden, {1}, dropout {2}")
  @MethodSource("cases")
  void analyticGradientMatchesFiniteDifferences(Activation activation, Loss loss, double dropoutOrPlr) {
    int outputs = loss == Loss.CROSS_ENTROPY ? 3 : 1;
    boolean plr = dropoutOrPlr < 0;
    double dropout = Math.max(0, dropoutOrPlr);
    Layout layout = new Layout(new int[] {plr ? Perceptron.firstLayerInputs(5, 2, 2) : 5, 6, 4, outputs});
    PeriodicEmbedding embedding = plr ? new PeriodicEmbedding(new int[] {0, 2}, 3, 2, layout.total()) : null;
    Perceptron shape = new Perceptron(layout, activation, dropout, embedding, 0.5, 5);
    SplittableRandom random = new SplittableRandom(activation.ordinal() * 10L + loss.ordinal());
    double[] p = new double[shape.parameters()];
    for (int i = 0; i < p.length; i++) {
      p[i] = random.nextDouble(-0.8, 0.8);
    }
    double[] x = new double[ROWS * 5];
    for (int i = 0; i < x.length; i++) {
      // Some exact zeros, like one-hot inputs, exercise the kernels' zero skipping.
      x[i] = random.nextDouble() < 0.2 ? 0.0 : random.nextDouble(-2, 2);
    }
    double[] target = new double[ROWS];
    double[] scale = new double[ROWS];
    for (int r = 0; r < ROWS; r++) {
      target[r] = loss == Loss.SQUARED_ERROR ? random.nextDouble(-1, 1)
          : loss == Loss.BINARY_CROSS_ENTROPY ? random.nextInt(2) : random.nextInt(outputs);
      scale[r] = random.nextDouble(0.05, 0.3);
    }
    Pass pass = new Pass(shape, ROWS);
    double[] analytic = new double[p.length];
    pass.gradient(p, x, 0, ROWS, loss, target, scale, 0, analytic, rng(dropout));

    double h = 1e-6;
    int checked = 0;
    for (int i = 0; i < p.length; i++) {
      double saved = p[i];
      p[i] = saved + h;
      double up = lossAt(pass, p, x, loss, target, scale, dropout);
      p[i] = saved - h;
      double down = lossAt(pass, p, x, loss, target, scale, dropout);
      p[i] = saved;
      double numeric = (up - down) / (2 * h);
      assertEquals(numeric, analytic[i], 1e-6 + 1e-5 * Math.abs(numeric), "parameter " + i);
      checked += analytic[i] != 0 ? 1 : 0;
    }
    assertTrue(checked > p.length / 2, "most parameters have a gradient: " + checked + " of " + p.length);
  }

  private static double lossAt(Pass pass, double[] p, double[] x, Loss loss, double[] target,
      double[] scale, double dropout) {
    // The same seed each time draws the same dropout mask, so the loss is a smooth function of p.
    return pass.gradient(p, x, 0, ROWS, loss, target, scale, 0, new double[p.length], rng(dropout));
  }

  private static Rng rng(double dropout) {
    return dropout > 0 ? new Rng(11, 3) : null;
  }
}
