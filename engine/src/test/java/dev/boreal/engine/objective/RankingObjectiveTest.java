package dev.boreal.engine.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.boreal.engine.Parallel;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Lambdarank against hand-computed lambdas on one 3-document group; rank_pairwise against a brute-force loop. */
class RankingObjectiveTest {
  // Labels 2, 0, 1 with scores 0.5, 1.0, 0.0: the score order is doc1 (rank 0), doc0 (rank 1), doc2 (rank 2).
  private static final double[] LABELS = {2, 0, 1};
  private static final double[] SCORES = {0.5, 1.0, 0.0};

  private static double[][] run(ObjectiveSettings s) {
    Objective o = Objectives.create("lambdarank", s, LABELS, null, new int[] {3});
    double[] g = new double[3];
    double[] h = new double[3];
    try (Parallel p = new Parallel(1)) {
      o.gradients(SCORES, g, h, p);
    }
    return new double[][] {g, h};
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  @Test
  void lambdarankWithoutNormalisation() {
    double maxDcg = 3 + 1 / log2(3); // gains 2^2-1 = 3 at rank 0 and 2^1-1 = 1 at rank 1
    double d0 = 1;
    double d1 = 1 / log2(3);
    double d2 = 1 / log2(4);
    // pair (high doc0 rank1, low doc1 rank0): Δs = -0.5, gain gap 3
    double nA = 3 * Math.abs(d1 - d0) / maxDcg;
    double pA = 1 / (1 + Math.exp(-0.5));
    // pair (high doc2 rank2, low doc1 rank0): Δs = -1, gain gap 1
    double nB = 1 * Math.abs(d2 - d0) / maxDcg;
    double pB = 1 / (1 + Math.exp(-1.0));
    // pair (high doc0 rank1, low doc2 rank2): Δs = 0.5, gain gap 2
    double nC = 2 * Math.abs(d1 - d2) / maxDcg;
    double pC = 1 / (1 + Math.exp(0.5));
    double[][] gh = run(ObjectiveSettings.defaults().withLambdarankNorm(false));
    assertEquals(-nA * pA - nC * pC, gh[0][0], 1e-12);
    assertEquals(nA * pA + nB * pB, gh[0][1], 1e-12);
    assertEquals(-nB * pB + nC * pC, gh[0][2], 1e-12);
    assertEquals(nA * pA * (1 - pA) + nC * pC * (1 - pC), gh[1][0], 1e-12);
    assertEquals(nA * pA * (1 - pA) + nB * pB * (1 - pB), gh[1][1], 1e-12);
    assertEquals(nB * pB * (1 - pB) + nC * pC * (1 - pC), gh[1][2], 1e-12);
  }

  @Test
  void lambdarankWithNormalisationAndSigmoid() {
    double sigma = 2.0;
    double maxDcg = 3 + 1 / log2(3);
    double d0 = 1;
    double d1 = 1 / log2(3);
    double d2 = 0.5;
    double eps = 0.01f;
    double nA = 3 * Math.abs(d1 - d0) / maxDcg / (eps + 0.5);
    double nB = 1 * Math.abs(d2 - d0) / maxDcg / (eps + 1.0);
    double nC = 2 * Math.abs(d1 - d2) / maxDcg / (eps + 0.5);
    double pA = 1 / (1 + Math.exp(sigma * -0.5));
    double pB = 1 / (1 + Math.exp(sigma * -1.0));
    double pC = 1 / (1 + Math.exp(sigma * 0.5));
    double lA = sigma * nA * pA;
    double lB = sigma * nB * pB;
    double lC = sigma * nC * pC;
    double sum = 2 * (lA + lB + lC);
    double f = log2(1 + sum) / sum;
    double[][] gh = run(ObjectiveSettings.defaults().withSigmoid(sigma));
    assertEquals(f * (-lA - lC), gh[0][0], 1e-12);
    assertEquals(f * (lA + lB), gh[0][1], 1e-12);
    assertEquals(f * (-lB + lC), gh[0][2], 1e-12);
    double s2 = sigma * sigma;
    assertEquals(f * s2 * (nA * pA * (1 - pA) + nC * pC * (1 - pC)), gh[1][0], 1e-12);
    assertEquals(f * s2 * (nA * pA * (1 - pA) + nB * pB * (1 - pB)), gh[1][1], 1e-12);
  }

  @Test
  void truncationLevelOneOnlyPairsTheTopDocument() {
    double[][] gh = run(ObjectiveSettings.defaults().withLambdarankNorm(false).withLambdarankTruncationLevel(1));
    double maxDcg = 3; // ideal DCG at 1: the label-2 gain alone
    double nA = 3 * (1 - 1 / log2(3)) / maxDcg;
    double pA = 1 / (1 + Math.exp(-0.5));
    double nB = 1 * (1 - 0.5) / maxDcg;
    double pB = 1 / (1 + Math.exp(-1.0));
    assertEquals(-nA * pA, gh[0][0], 1e-12);
    assertEquals(nA * pA + nB * pB, gh[0][1], 1e-12);
    assertEquals(-nB * pB, gh[0][2], 1e-12);
  }

  @Test
  void pairwiseEqualsBruteForceDoubleLoop() {
    Random r = new Random(11);
    int[] groups = {5, 1, 8, 3, 12};
    int n = 29;
    double[] labels = new double[n];
    double[] scores = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      labels[i] = r.nextInt(4);
      scores[i] = r.nextGaussian();
      w[i] = 0.5 + r.nextDouble();
    }
    Objective o = Objectives.create("rank_pairwise", ObjectiveSettings.defaults(), labels, w, groups);
    double[] g = new double[n];
    double[] h = new double[n];
    try (Parallel p = new Parallel(2)) {
      o.gradients(scores, g, h, p);
    }
    double[] eg = new double[n];
    double[] eh = new double[n];
    int start = 0;
    for (int size : groups) {
      for (int i = start; i < start + size; i++) {
        for (int j = start; j < start + size; j++) {
          if (labels[i] > labels[j]) {
            double sig = 1 / (1 + Math.exp(scores[i] - scores[j]));
            eg[i] -= sig;
            eg[j] += sig;
            eh[i] += sig * (1 - sig);
            eh[j] += sig * (1 - sig);
          }
        }
      }
      start += size;
    }
    for (int i = 0; i < n; i++) {
      assertEquals(eg[i] * w[i], g[i], 1e-12, "grad " + i);
      assertEquals(eh[i] * w[i], h[i], 1e-12, "hess " + i);
    }
    assertEquals(0.0, g[5], 0.0, "a one-document group has no pairs");
  }
}
