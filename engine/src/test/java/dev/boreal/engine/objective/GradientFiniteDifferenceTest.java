package dev.boreal.engine.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.boreal.engine.Parallel;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Every objective's gradient (and hessian, where it is the loss's) against central differences of its loss. */
class GradientFiniteDifferenceTest {
  private static final double H = 1e-5;

  /** The weighted loss of one row, written directly from its definition. */
  interface RowLoss {
    double loss(double score, double label);
  }

  private static double[] grad;
  private static double[] hess;

  private static void compute(Objective o, double[] scores) {
    grad = new double[scores.length];
    hess = new double[scores.length];
    try (Parallel p = new Parallel(1)) {
      o.gradients(scores, grad, hess, p);
    }
  }

  private static double d1(RowLoss f, double s, double y) {
    return (f.loss(s + H, y) - f.loss(s - H, y)) / (2 * H);
  }

  private static double d2(RowLoss f, double s, double y) {
    return (f.loss(s + H, y) - 2 * f.loss(s, y) + f.loss(s - H, y)) / (H * H);
  }

  /** Checks gradient = w·f' and, when {@code checkHessian}, hessian = hessScale·w·f''. */
  private static void check(String name, ObjectiveSettings s, double[] labels, double[] scores, double[] w,
      RowLoss f, boolean checkHessian, double hessScale) {
    Objective o = Objectives.create(name, s, labels, w, null);
    compute(o, scores);
    for (int i = 0; i < labels.length; i++) {
      double wi = w == null ? 1 : w[i];
      assertEquals(wi * d1(f, scores[i], labels[i]), grad[i], 1e-6 * (1 + Math.abs(grad[i])), name + " grad " + i);
      if (checkHessian) {
        assertEquals(hessScale * wi * d2(f, scores[i], labels[i]), hess[i], 1e-3 * (1 + Math.abs(hess[i])),
            name + " hess " + i);
      } else {
        assertEquals(wi, hess[i], 0.0, name + " unit hessian " + i);
      }
    }
  }

  private static final double[] LABELS = {0.5, 2.0, 3.0, 0.0, 7.5, 1.25};
  private static final double[] SCORES = {0.1, -0.3, 1.2, 0.4, 1.9, 2.6};
  private static final double[] W = {1.0, 0.5, 2.0, 1.5, 0.25, 3.0};

  @Test
  void regressionLosses() {
    ObjectiveSettings s = ObjectiveSettings.defaults().withAlpha(0.7);
    for (double[] w : new double[][] {null, W}) {
      check("regression", s, LABELS, SCORES, w, (x, y) -> 0.5 * (x - y) * (x - y), true, 1);
      check("regression_l1", s, LABELS, SCORES, w, (x, y) -> Math.abs(x - y), false, 1);
      check("huber", s, LABELS, SCORES, w,
          (x, y) -> Math.abs(x - y) <= 0.7 ? 0.5 * (x - y) * (x - y) : 0.7 * (Math.abs(x - y) - 0.35), false, 1);
      check("quantile", s, LABELS, SCORES, w, (x, y) -> x >= y ? 0.3 * (x - y) : 0.7 * (y - x), false, 1);
    }
  }

  @Test
  void logLinkLosses() {
    ObjectiveSettings s = ObjectiveSettings.defaults().withPoissonMaxDeltaStep(0.7).withTweedieVariancePower(1.3);
    for (double[] w : new double[][] {null, W}) {
      // Poisson's hessian is exp(s + max_delta_step): the loss's exp(s) scaled by exp(0.7).
      check("poisson", s, LABELS, SCORES, w, (x, y) -> Math.exp(x) - y * x, true, Math.exp(0.7));
      check("gamma", s, LABELS, SCORES, w, (x, y) -> y * Math.exp(-x) + x, true, 1);
      check("tweedie", s, LABELS, SCORES, w,
          (x, y) -> -y * Math.exp(-0.3 * x) / -0.3 + Math.exp(0.7 * x) / 0.7, true, 1);
    }
  }

  @Test
  void binaryWithSigmoidAndClassWeights() {
    double[] labels = {1, 0, 0, 1, 0, 0};
    double sigma = 1.7;
    RowLoss plain = (x, y) -> y > 0 ? Math.log1p(Math.exp(-sigma * x)) : Math.log1p(Math.exp(sigma * x));
    ObjectiveSettings s = ObjectiveSettings.defaults().withSigmoid(sigma);
    check("binary", s, labels, SCORES, W, plain, true, 1);
    check("binary", s.withScalePosWeight(2.5), labels, SCORES, null,
        (x, y) -> (y > 0 ? 2.5 : 1.0) * plain.loss(x, y), true, 1);
    // 2 positives, 4 negatives: is_unbalance weighs positives by 4/2.
    check("binary", s.withIsUnbalance(true), labels, SCORES, W,
        (x, y) -> (y > 0 ? 2.0 : 1.0) * plain.loss(x, y), true, 1);
  }

  @Test
  void multiclassGradientExactAndHessianDocumentedForm() {
    int n = 4;
    int k = 3;
    double[] labels = {0, 2, 1, 2};
    double[] w = {1.0, 2.0, 0.5, 1.5};
    Random r = new Random(3);
    double[] scores = new double[k * n];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = r.nextGaussian();
    }
    Objective o = Objectives.create("multiclass", ObjectiveSettings.defaults().withNumClass(k), labels, w, null);
    compute(o, scores);
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < k; c++) {
        int idx = c * n + i;
        double[] plus = scores.clone();
        double[] minus = scores.clone();
        plus[idx] += H;
        minus[idx] -= H;
        double fd = w[i] * (softmaxLoss(plus, n, k, i, (int) labels[i]) - softmaxLoss(minus, n, k, i, (int) labels[i]))
            / (2 * H);
        assertEquals(fd, grad[idx], 1e-7, "grad");
        double p = Math.exp(-softmaxLoss(scores, n, k, i, c));
        assertEquals(k / (k - 1.0) * p * (1 - p) * w[i], hess[idx], 1e-12, "hess");
      }
    }
  }

  /** -log softmax probability of class c for row i. */
  private static double softmaxLoss(double[] s, int n, int k, int i, int c) {
    double sum = 0;
    for (int j = 0; j < k; j++) {
      sum += Math.exp(s[j * n + i]);
    }
    return -(s[c * n + i] - Math.log(sum));
  }

  @Test
  void pairwiseMatchesFiniteDifferencesOfItsPairLoss() {
    double[] labels = {2, 0, 1, 1, 0, 3, 1};
    double[] scores = {0.3, -0.2, 0.9, 0.1, 0.5, -1.0, 0.0};
    int[] groups = {4, 3};
    Objective o = Objectives.create("rank_pairwise", ObjectiveSettings.defaults(), labels, null, groups);
    compute(o, scores);
    for (int i = 0; i < labels.length; i++) {
      double[] plus = scores.clone();
      double[] minus = scores.clone();
      double[] mid = scores.clone();
      plus[i] += H;
      minus[i] -= H;
      double lp = pairLoss(labels, plus, groups);
      double lm = pairLoss(labels, minus, groups);
      assertEquals((lp - lm) / (2 * H), grad[i], 1e-7, "grad " + i);
      assertEquals((lp - 2 * pairLoss(labels, mid, groups) + lm) / (H * H), hess[i], 1e-3, "hess " + i);
    }
  }

  private static double pairLoss(double[] labels, double[] s, int[] groups) {
    double loss = 0;
    int start = 0;
    for (int size : groups) {
      for (int i = start; i < start + size; i++) {
        for (int j = start; j < start + size; j++) {
          if (labels[i] > labels[j]) {
            loss += Math.log1p(Math.exp(-(s[i] - s[j])));
          }
        }
      }
      start += size;
    }
    return loss;
  }
}
