package dev.boreal.engine.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each optimised kernel of {@link Dense} agrees with a naive reference written from its definition, for
 * widths below, at and across the register tile, and for a single output.
 */
class DenseTest {
  private static final int ROWS = 9;
  private static final int W_OFF = 5;

  private final SplittableRandom random = new SplittableRandom(42);

  private double[] randoms(int n, double zeroShare) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = random.nextDouble() < zeroShare ? 0.0 : random.nextDouble(-1, 1);
    }
    return a;
  }

  private static int biasOffset(int in, int out) {
    return W_OFF + in * out + 3;
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"13, 11", "21, 37", "40, 16", "5, 1", "1, 33"})
  void forwardIsBiasPlusInputTimesWeights(int in, int out) {
    int bOff = biasOffset(in, out);
    double[] p = randoms(bOff + out, 0);
    int xOff = 4;
    double[] x = randoms(xOff + ROWS * in, 0.3);
    double[] z = new double[ROWS * out];
    Dense.forward(x, xOff, ROWS, in, p, W_OFF, bOff, out, z, new int[in], new double[in]);
    for (int r = 0; r < ROWS; r++) {
      for (int j = 0; j < out; j++) {
        double expected = p[bOff + j];
        for (int i = 0; i < in; i++) {
          expected += x[xOff + r * in + i] * p[W_OFF + i * out + j];
        }
        assertEquals(expected, z[r * out + j], 1e-12, "row " + r + " output " + j);
      }
    }
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"13, 11", "21, 37", "40, 16", "5, 1", "1, 33"})
  void gradientIsInputTransposedTimesDeltaAndBiasGradientIsColumnSum(int in, int out) {
    int bOff = biasOffset(in, out);
    double[] x = randoms(ROWS * in, 0.3);
    double[] dz = randoms(ROWS * out, 0.2);
    double[] g = randoms(bOff + out, 0);
    double[] before = g.clone();
    Dense.accumulateGradient(x, 0, dz, ROWS, in, out, g, W_OFF, bOff, new int[ROWS], new double[ROWS]);
    for (int i = 0; i < in; i++) {
      for (int j = 0; j < out; j++) {
        double expected = before[W_OFF + i * out + j];
        for (int r = 0; r < ROWS; r++) {
          expected += x[r * in + i] * dz[r * out + j];
        }
        assertEquals(expected, g[W_OFF + i * out + j], 1e-12);
      }
    }
    for (int j = 0; j < out; j++) {
      double expected = before[bOff + j];
      for (int r = 0; r < ROWS; r++) {
        expected += dz[r * out + j];
      }
      assertEquals(expected, g[bOff + j], 1e-12);
    }
    assertEquals(before[0], g[0], "values outside the layer are untouched");
    assertEquals(before[bOff - 1], g[bOff - 1], "values outside the layer are untouched");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"13, 11", "21, 37", "40, 16", "5, 1", "1, 33"})
  void backwardInputIsDeltaTimesWeightsTransposed(int in, int out) {
    int bOff = biasOffset(in, out);
    double[] p = randoms(bOff + out, 0);
    double[] wT = new double[out * in];
    Dense.transpose(p, W_OFF, in, out, wT);
    double[] dz = randoms(ROWS * out, 0.4);
    double[] dx = randoms(ROWS * in, 0);
    Dense.backwardInput(dz, ROWS, out, wT, in, dx, new int[out], new double[out]);
    for (int r = 0; r < ROWS; r++) {
      for (int i = 0; i < in; i++) {
        double expected = 0;
        for (int j = 0; j < out; j++) {
          expected += dz[r * out + j] * p[W_OFF + i * out + j];
        }
        assertEquals(expected, dx[r * in + i], 1e-12);
      }
    }
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"21, 37", "5, 1"})
  void aRowsOutputDoesNotDependOnItsBlock(int in, int out) {
    int bOff = biasOffset(in, out);
    double[] p = randoms(bOff + out, 0);
    double[] x = randoms(ROWS * in, 0.3);
    double[] all = new double[ROWS * out];
    Dense.forward(x, 0, ROWS, in, p, W_OFF, bOff, out, all, new int[in], new double[in]);
    double[] one = new double[out];
    Dense.forward(x, 5 * in, 1, in, p, W_OFF, bOff, out, one, new int[in], new double[in]);
    assertArrayEquals(Arrays.copyOfRange(all, 5 * out, 6 * out), one, 0.0);
  }
}
