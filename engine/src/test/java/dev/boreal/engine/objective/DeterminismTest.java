package dev.boreal.engine.objective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.boreal.engine.Parallel;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Gradients are bit-identical for one and several threads, on data spanning many blocks. */
class DeterminismTest {
  private static final int GROUPS = 400;
  private static final int GROUP_SIZE = 50;
  private static final int N = GROUPS * GROUP_SIZE; // 20000 rows: three row blocks, 25 group blocks

  @Test
  void oneThreadEqualsFourThreads() {
    Random r = new Random(42);
    double[] counts = new double[N];
    double[] binary = new double[N];
    double[] classes = new double[N];
    double[] w = new double[N];
    double[] scores = new double[3 * N];
    for (int i = 0; i < N; i++) {
      counts[i] = r.nextInt(5);
      binary[i] = r.nextInt(2);
      classes[i] = r.nextInt(3);
      w[i] = r.nextDouble() * 2;
    }
    for (int i = 0; i < scores.length; i++) {
      scores[i] = r.nextGaussian();
    }
    int[] groups = new int[GROUPS];
    java.util.Arrays.fill(groups, GROUP_SIZE);
    ObjectiveSettings s = ObjectiveSettings.defaults().withNumClass(3);
    for (String name : Objectives.NAMES) {
      double[] labels = name.equals("binary") ? binary : name.equals("multiclass") ? classes : counts;
      Objective o = Objectives.create(name, s, labels, w, groups);
      int len = o.numOutputs() * N;
      double[] sc = java.util.Arrays.copyOf(scores, len);
      double[][] one = run(o, sc, 1);
      double[][] four = run(o, sc, 4);
      assertArrayEquals(one[0], four[0], name + " gradients");
      assertArrayEquals(one[1], four[1], name + " hessians");
    }
  }

  private static double[][] run(Objective o, double[] scores, int threads) {
    double[] g = new double[scores.length];
    double[] h = new double[scores.length];
    try (Parallel p = new Parallel(threads)) {
      o.gradients(scores, g, h, p);
    }
    return new double[][] {g, h};
  }
}
