package dev.boreal.monitor.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** PSI, JS distance and binned KS against brute-force twins written from their textbook definitions. */
class DriftStatisticsTest {

  @Test
  void psiMatchesTheSymmetrisedKullbackLeiblerOfSmoothedProportions() {
    SplittableRandom rng = new SplittableRandom(7);
    for (int trial = 0; trial < 50; trial++) {
      long[] ref = randomCounts(rng, 2 + rng.nextInt(30));
      long[] obs = randomCounts(rng, ref.length);
      double[] p = smoothed(ref);
      double[] q = smoothed(obs);
      // PSI = KL(q||p) + KL(p||q).
      double twin = 0;
      for (int c = 0; c < p.length; c++) {
        twin += q[c] * Math.log(q[c] / p[c]) + p[c] * Math.log(p[c] / q[c]);
      }
      assertEquals(twin, DriftStatistics.psi(DriftStatistics.counts(ref), DriftStatistics.counts(obs)), 1e-12);
    }
  }

  @Test
  void psiStaysFiniteWhenACellIsEmptyOnOneSide() {
    double psi = DriftStatistics.psi(new double[] {100, 0}, new double[] {0, 100});
    assertTrue(Double.isFinite(psi) && psi > 5, "psi " + psi);
  }

  @Test
  void jensenShannonMatchesEntropyForm() {
    SplittableRandom rng = new SplittableRandom(11);
    for (int trial = 0; trial < 50; trial++) {
      long[] ref = randomCounts(rng, 2 + rng.nextInt(30));
      long[] obs = randomCounts(rng, ref.length);
      double[] p = proportions(ref);
      double[] q = proportions(obs);
      double[] m = new double[p.length];
      for (int c = 0; c < p.length; c++) {
        m[c] = (p[c] + q[c]) / 2;
      }
      // JSD = H(m) - (H(p) + H(q)) / 2, in bits.
      double divergence = entropyBits(m) - (entropyBits(p) + entropyBits(q)) / 2;
      assertEquals(Math.sqrt(Math.max(0, divergence)), DriftStatistics.jensenShannon(DriftStatistics.counts(ref), DriftStatistics.counts(obs)), 1e-9);
    }
    assertEquals(1.0, DriftStatistics.jensenShannon(new double[] {5, 0}, new double[] {0, 7}), 1e-15);
    assertEquals(0.0, DriftStatistics.jensenShannon(new double[] {5, 10}, new double[] {1, 2}), 1e-15);
  }

  @Test
  void ksIsTheLargestGapBetweenCumulativeSums() {
    SplittableRandom rng = new SplittableRandom(13);
    for (int trial = 0; trial < 50; trial++) {
      long[] ref = randomCounts(rng, 2 + rng.nextInt(30));
      long[] obs = randomCounts(rng, ref.length);
      double[] p = proportions(ref);
      double[] q = proportions(obs);
      double best = 0;
      for (int c = 0; c < p.length; c++) {
        double a = 0;
        double b = 0;
        for (int i = 0; i <= c; i++) {
          a += p[i];
          b += q[i];
        }
        best = Math.max(best, Math.abs(a - b));
      }
      assertEquals(best, DriftStatistics.ks(DriftStatistics.counts(ref), DriftStatistics.counts(obs)), 1e-12);
    }
    assertEquals(0.5, DriftStatistics.ks(new double[] {1, 1, 0}, new double[] {0, 1, 1}), 1e-15);
  }

  @Test
  void bandsAreTheFixedPsiCutPoints() {
    assertEquals("stable", DriftStatistics.psiBand(0.0999));
    assertEquals("moderate", DriftStatistics.psiBand(0.1));
    assertEquals("moderate", DriftStatistics.psiBand(0.2499));
    assertEquals("major", DriftStatistics.psiBand(0.25));
  }

  @Test
  void ndcgIsOneForTheSameOrderAndFallsWhenTheTopFeatureSinks() {
    double[] ref = {3, 2, 1, 0};
    assertEquals(1.0, Ndcg.of(ref, new double[] {30, 20, 10, 0}), 1e-15);
    // Order 1, 0, 2, 3: DCG = 2 + 3/log2(3) + 1/2, ideal = 3 + 2/log2(3) + 1/2.
    double log3 = Math.log(3) / Math.log(2);
    assertEquals((2 + 3 / log3 + 0.5) / (3 + 2 / log3 + 0.5), Ndcg.of(ref, new double[] {2, 3, 1, 0}), 1e-12);
  }

  private static long[] randomCounts(SplittableRandom rng, int k) {
    long[] counts = new long[k];
    for (int c = 0; c < k; c++) {
      counts[c] = rng.nextInt(4) == 0 ? 0 : rng.nextInt(1000);
    }
    counts[rng.nextInt(k)] += 1;
    return counts;
  }

  private static double[] smoothed(long[] counts) {
    double total = 0;
    for (long c : counts) {
      total += c + 0.5;
    }
    double[] p = new double[counts.length];
    for (int c = 0; c < p.length; c++) {
      p[c] = (counts[c] + 0.5) / total;
    }
    return p;
  }

  private static double[] proportions(long[] counts) {
    double total = 0;
    for (long c : counts) {
      total += c;
    }
    double[] p = new double[counts.length];
    for (int c = 0; c < p.length; c++) {
      p[c] = counts[c] / total;
    }
    return p;
  }

  private static double entropyBits(double[] p) {
    double h = 0;
    for (double v : p) {
      h -= v > 0 ? v * Math.log(v) / Math.log(2) : 0;
    }
    return h;
  }
}
